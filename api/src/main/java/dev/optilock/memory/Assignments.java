package dev.optilock.memory;

import dev.optilock.Row;
import dev.optilock.spi.Assignment;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Applies assignments to a row the way every backend must. */
public final class Assignments {
    private Assignments() {
    }

    public static Row apply(Row row, List<Assignment> assignments) {
        Row.Builder next = row.toBuilder();
        for (Assignment assignment : assignments) {
            Object current = row.asMap().get(assignment.column());
            if (assignment instanceof Assignment.SetValue set) {
                next.set(set.column(), set.value());
            } else if (assignment instanceof Assignment.Increment increment) {
                next.set(increment.column(), add(current, increment.delta()));
            } else if (assignment instanceof Assignment.NextVersion version) {
                next.set(version.column(), switch (version.kind()) {
                    case LONG -> Math.addExact((Long) current, 1L);
                    case UUID -> (UUID) version.candidate();
                    case TIMESTAMP -> {
                        Instant floor = ((Instant) current).plusMillis(1);
                        Instant candidate = (Instant) version.candidate();
                        yield candidate.isBefore(floor) ? floor : candidate;
                    }
                });
            }
        }
        return next.build();
    }

    private static Object add(Object current, Number delta) {
        if (delta instanceof Integer d) return Math.addExact(current == null ? 0 : (Integer) current, d);
        if (delta instanceof Long d) return Math.addExact(current == null ? 0L : (Long) current, d);
        if (delta instanceof Double d) return (current == null ? 0.0 : (Double) current) + d;
        if (delta instanceof BigDecimal d) return (current == null ? BigDecimal.ZERO : (BigDecimal) current).add(d);
        throw new IllegalArgumentException("unsupported delta " + delta.getClass().getName());
    }
}
