package dev.optilock.internal;

import dev.optilock.EntitySpec;
import dev.optilock.VersionKind;
import dev.optilock.spi.Assignment;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Chooses versions: the library, never the database, picks every new one, a tombstone's included.
 *
 * <p>On a store with write identities a delete leaves a tombstone. A {@code LONG} tombstone takes a version apart from
 * every version a live row holds: {@code -1 - v} for the row it deleted at {@code v >= 0}, a negative number that no
 * write of Optilock's gives a live row (they start at 1 and grow). A versioned write that expects a version of a live
 * row ({@code >= 0}) then cannot apply to a tombstone by its version alone, and needs no "not a tombstone" condition.
 * {@code UUID} and {@code TIMESTAMP} tombstones keep the version they deleted, and their writes keep that condition.
 */
final class Versions {
    private final Clock clock;

    Versions(Clock clock) {
        this.clock = clock;
    }

    Object initial(VersionKind kind) {
        return switch (kind) {
            case LONG -> 1L;
            case UUID -> UUID.randomUUID();
            case TIMESTAMP -> now();
        };
    }

    /** The version that follows {@code expected}: never equal to it, strictly greater for LONG and TIMESTAMP. */
    Object next(VersionKind kind, Object expected) {
        return switch (kind) {
            case LONG -> Math.addExact((Long) expected, 1L);
            case UUID -> {
                UUID next = UUID.randomUUID();
                yield next.equals(expected) ? UUID.randomUUID() : next;
            }
            case TIMESTAMP -> {
                Instant now = now();
                Instant floor = ((Instant) expected).plusMillis(1);
                yield now.isBefore(floor) ? floor : now;
            }
        };
    }

    /** The assignment that advances the version when the current one is not known. */
    Assignment.NextVersion advance(EntitySpec spec) {
        Object candidate = switch (spec.versionKind()) {
            case LONG -> null;
            case UUID -> UUID.randomUUID();
            case TIMESTAMP -> now();
        };
        return new Assignment.NextVersion(spec.versionColumn(), spec.versionKind(), candidate);
    }

    /** Whether tombstones of {@code kind} take versions apart from live rows' ({@link #ofTombstone}). */
    static boolean tombstonesApart(VersionKind kind) {
        return kind == VersionKind.LONG;
    }

    /** The version a delete gives the row at {@code version} that it turns into a tombstone. */
    static Object ofTombstone(Object version) {
        return version instanceof Long number && number >= 0 ? -1 - number : version;
    }

    /**
     * The version of the row that a tombstone at {@code tombstoneVersion} deleted: the state it covers, which its
     * write identity and history speak of, and which a re-insert continues from. A {@code LONG} tombstone at a version
     * that is not negative (written before tombstones took versions apart) deleted the row at that very version.
     */
    static Object deletedAt(Object tombstoneVersion) {
        return tombstoneVersion instanceof Long number && number < 0 ? -1 - number : tombstoneVersion;
    }

    /** Whether no tombstone can be at {@code version}: a {@code LONG} version that is not negative. */
    static boolean noTombstoneAt(Object version) {
        return version instanceof Long number && number >= 0;
    }

    /**
     * Whether {@code version} is one only a tombstone takes: a negative {@code LONG} version (Optilock gives no live row
     * one), as a backend may report it for a write it did not apply without saying the row is a tombstone.
     */
    static boolean isTombstoneVersion(Object version) {
        return version instanceof Long number && number < 0;
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
