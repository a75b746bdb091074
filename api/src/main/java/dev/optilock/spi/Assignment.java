package dev.optilock.spi;

import dev.optilock.VersionKind;

/**
 * One column change a backend applies as part of an atomic write. Which kinds each operation sends: inserts send
 * rows, not assignments; {@code updateWithVersion}, {@code modify} and {@code softDelete} send the caller's
 * {@link SetValue}s and {@link Increment}s and a {@link SetValue} of the new version; re-inserts send
 * {@link SetValue}s only; {@code update} and {@code updateIfExists} send the caller's {@link SetValue}s and
 * {@link Increment}s and a {@link NextVersion} (the current version is not known to them);
 * a delete on a store with write identities sends one {@link SetValue} (through {@link Backend#set}); atomic groups
 * send {@link SetValue}s only ({@link GroupStatement}).
 */
public sealed interface Assignment {

    /** The column changed. */
    String column();

    /** Sets the column to a value (null clears it). */
    record SetValue(String column, Object value) implements Assignment {
    }

    /** Adds {@code delta} to a numeric column atomically; a null value counts as zero. */
    record Increment(String column, Number delta) implements Assignment {
    }

    /**
     * Advances the version column when the current version is not known to the caller: for
     * {@link VersionKind#LONG} the current value plus one; for {@link VersionKind#UUID} the
     * {@code candidate}; for {@link VersionKind#TIMESTAMP} the later of {@code candidate} and the current
     * value plus one millisecond.
     */
    record NextVersion(String column, VersionKind kind, Object candidate) implements Assignment {
    }
}
