package dev.optilock.spi.semantics;

import dev.optilock.BackendException;
import dev.optilock.ColumnDefinition;
import dev.optilock.ColumnType;
import dev.optilock.Condition;
import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.VersionKind;
import dev.optilock.spi.Assignment;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

    /**
     * The assignments as plain values: each assigned column once, in the order first assigned, with the value
     * {@link #apply} gives it on {@code before}. For a write that can apply only to the state {@code before} shows
     * (a versioned write), the result is the same write.
     *
     * @throws BackendException when an INT or BIGINT increment overflows
     */
    public static List<Assignment.SetValue> resolved(Row before, List<Assignment> assignments) {
        return valuesIn(apply(before, assignments), assignments);
    }

    /**
     * The assigned columns' values in {@code after}, the row {@link #apply} made of the assignments: each assigned
     * column once, in the order first assigned. {@code resolved(before, assignments)} is
     * {@code valuesIn(apply(before, assignments), assignments)}, for a caller that keeps the row after.
     */
    public static List<Assignment.SetValue> valuesIn(Row after, List<Assignment> assignments) {
        List<Assignment.SetValue> values = new ArrayList<>(assignments.size());
        for (int i = 0; i < assignments.size(); i++) {
            String column = assignments.get(i).column();
            if (firstAssignment(assignments, column) == i) values.add(new Assignment.SetValue(column, after.asMap().get(column)));
        }
        return values;
    }

    private static int firstAssignment(List<Assignment> assignments, String column) {
        for (int i = 0; i < assignments.size(); i++) {
            if (assignments.get(i).column().equals(column)) return i;
        }
        return -1;
    }

    /**
     * The whole row after a write of {@code assignments} to the row with {@code key} under {@code condition}, when
     * they determine every column of {@code spec} without the row as it was: each column is a key column, the target
     * of a set value (or of a UUID next version: its candidate), or pinned by the condition (an equality or an
     * {@code isNull} among its top-level conjuncts, or a one-value {@code in}). Null otherwise: an increment, a LONG
     * or TIMESTAMP next version (they follow the current value), a column neither set nor pinned. Decimals are never
     * taken from a condition ({@code 1.5} equals {@code 1.50} while the stored scale differs).
     *
     * <p>A backend that knows this row need not read it back or have the database return it; whether its database
     * stores each value exactly as given remains the backend's to judge.
     */
    public static Row determined(EntitySpec spec, PrimaryKey key, List<Assignment> assignments, Condition condition) {
        List<String> keyColumns = spec.keyColumns();
        List<ColumnDefinition> columns = spec.columns();
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            ColumnDefinition column = columns.get(i);
            String name = column.name();
            int keyIndex = keyColumns.indexOf(name);
            if (keyIndex >= 0) {
                values[i] = key.get(keyIndex);
                continue;
            }
            Object value = assigned(assignments, name);
            if (value == NOT_DETERMINED && column.type() != ColumnType.DECIMAL) value = pinned(condition, name);
            if (value == NOT_DETERMINED) return null;
            values[i] = value;
        }
        return Row.of(spec.columnNames(), values);
    }

    /** Stands for "no value known" where null is a value. */
    private static final Object NOT_DETERMINED = new Object();

    /** The value the last assignment to {@code column} leaves, or {@link #NOT_DETERMINED}. */
    private static Object assigned(List<Assignment> assignments, String column) {
        Object value = NOT_DETERMINED;
        for (Assignment assignment : assignments) {
            if (!assignment.column().equals(column)) continue;
            if (assignment instanceof Assignment.SetValue set) {
                value = set.value();
            } else if (assignment instanceof Assignment.NextVersion next && next.kind() == VersionKind.UUID) {
                value = next.candidate();
            } else {
                value = NOT_DETERMINED;
            }
        }
        return value;
    }

    /** The value {@code condition} requires of {@code column} for the write to apply, or {@link #NOT_DETERMINED}. */
    private static Object pinned(Condition condition, String column) {
        if (condition instanceof Condition.All all) {
            for (Condition part : all.conditions()) {
                Object value = pinned(part, column);
                if (value != NOT_DETERMINED) return value;
            }
        } else if (condition instanceof Condition.Comparison comparison && comparison.column().equals(column)
                && comparison.operator() == Condition.Operator.EQUAL) {
            return comparison.value();
        } else if (condition instanceof Condition.In in && in.column().equals(column) && in.values().size() == 1) {
            return in.values().get(0);
        } else if (condition instanceof Condition.IsNull isNull && isNull.column().equals(column)) {
            return null;
        }
        return NOT_DETERMINED;
    }

    private static Object add(Object current, Number delta) {
        if (delta instanceof Integer d) return Math.addExact(current == null ? 0 : (Integer) current, d);
        if (delta instanceof Long d) return Math.addExact(current == null ? 0L : (Long) current, d);
        if (delta instanceof Double d) return (current == null ? 0.0 : (Double) current) + d;
        if (delta instanceof BigDecimal d) return (current == null ? BigDecimal.ZERO : (BigDecimal) current).add(d);
        throw new IllegalArgumentException("unsupported delta " + delta.getClass().getName());
    }
}
