package dev.optilock.spi;

import dev.optilock.VersionKind;

/** One column change a backend applies as part of an atomic write. */
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
