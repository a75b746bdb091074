package dev.optilock.spi.semantics;

import dev.optilock.BackendException;
import dev.optilock.Row;
import dev.optilock.spi.Assignment;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a row becomes after a write's assignments, as every backend must compute it: a set value replaces the
 * column; an increment adds to the current value, a null value counting as zero, and an increment that overflows INT
 * or BIGINT fails with {@link BackendException} (the write must then apply nothing); the next version is the current LONG plus one, the UUID candidate, or the later of the
 * TIMESTAMP candidate and the current timestamp plus one millisecond.
 */
public final class Assignments {
    private Assignments() {
    }

    /**
     * The row after {@code assignments} are applied to {@code row}, in order; {@code row} is not changed.
     *
     * @throws BackendException when an INT or BIGINT increment overflows
     */
    public static Row apply(Row row, List<Assignment> assignments) {
        Row.Builder next = row.toBuilder();
        for (Assignment assignment : assignments) {
            Object current = row.asMap().get(assignment.column());
            if (assignment instanceof Assignment.SetValue set) {
                next.set(set.column(), set.value());
            } else if (assignment instanceof Assignment.Increment increment) {
                try {
                    next.set(increment.column(), add(current, increment.delta()));
                } catch (ArithmeticException overflow) {
                    throw new BackendException("increment of column '" + increment.column() + "' by " + increment.delta()
                            + " overflows its type (current value " + current + "); nothing was written", overflow);
                }
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
