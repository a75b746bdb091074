package dev.optilock.internal;

import dev.optilock.EntitySpec;
import dev.optilock.VersionKind;
import dev.optilock.spi.Assignment;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Chooses versions: the library, never the database, picks every new one. */
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

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
