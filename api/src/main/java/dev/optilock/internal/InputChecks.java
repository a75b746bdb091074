package dev.optilock.internal;

import dev.optilock.Changes;
import dev.optilock.ColumnChange;
import dev.optilock.ColumnDefinition;
import dev.optilock.ColumnType;
import dev.optilock.Condition;
import dev.optilock.EntitySpec;
import dev.optilock.spi.Assignment;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Checks and normalises changes, conditions and versions against an entity before anything is sent. */
final class InputChecks {
    private InputChecks() {
    }

    /** The checked changes as assignments: a new mutable list, with room for what a versioned write appends. */
    static List<Assignment> assignments(EntityMapper<?> mapper, Changes changes) {
        EntitySpec spec = mapper.spec();
        if (changes == null) throw new IllegalArgumentException("changes must not be null");
        if (changes.isEmpty()) throw new IllegalArgumentException("changes must not be empty");
        List<ColumnChange> given = changes.changes();
        // Room for the version and the write identity the store adds.
        List<Assignment> checked = new ArrayList<>(given.size() + 3);
        for (ColumnChange change : given) {
            String name = mapper.columnFor(change.column());
            ColumnDefinition column = requireColumn(spec, "changes", name);
            if (spec.isKey(name)) {
                throw new IllegalArgumentException("changes: column '" + name + "' is part of the key of " + spec.table()
                        + " and cannot be changed");
            }
            if (name.equals(spec.versionColumn())) {
                throw new IllegalArgumentException("changes: column '" + name + "' is the version of " + spec.table()
                        + "; Optilock sets it");
            }
            if (change instanceof ColumnChange.SetValue set) {
                checked.add(new Assignment.SetValue(name, value(mapper, "changes", name, set.value())));
            } else if (change instanceof ColumnChange.Increment increment) {
                if (!column.type().isNumeric()) {
                    throw new IllegalArgumentException("changes: column '" + name + "' is " + column.type()
                            + " and cannot be incremented");
                }
                checked.add(new Assignment.Increment(name, (Number) value(mapper, "changes", name, increment.delta())));
            } else {
                throw new IllegalArgumentException("changes: unsupported change " + change);
            }
        }
        return checked;
    }

    static Condition condition(EntityMapper<?> mapper, Condition condition) {
        if (condition == null) throw new IllegalArgumentException("condition must not be null");
        EntitySpec spec = mapper.spec();
        if (condition instanceof Condition.All all) {
            List<Condition> parts = new ArrayList<>();
            for (Condition part : all.conditions()) parts.add(condition(mapper, part));
            return Condition.all(parts.toArray(Condition[]::new));
        }
        if (condition instanceof Condition.Comparison comparison) {
            String name = mapper.columnFor(comparison.column());
            ColumnDefinition column = requireColumn(spec, "condition", name);
            if (comparison.operator().isOrdering() && !column.type().isOrdered()) {
                throw new IllegalArgumentException("condition: operator " + comparison.operator().symbol() + " is not defined on "
                        + column.type() + " column '" + name + "'");
            }
            return new Condition.Comparison(name, comparison.operator(), value(mapper, "condition", name, comparison.value()));
        }
        if (condition instanceof Condition.In in) {
            String name = mapper.columnFor(in.column());
            requireColumn(spec, "condition", name);
            List<Object> values = new ArrayList<>();
            for (Object value : in.values()) values.add(value(mapper, "condition", name, value));
            return new Condition.In(name, values);
        }
        if (condition instanceof Condition.IsNull isNull) {
            String name = mapper.columnFor(isNull.column());
            requireColumn(spec, "condition", name);
            return new Condition.IsNull(name);
        }
        if (condition instanceof Condition.IsNotNull isNotNull) {
            String name = mapper.columnFor(isNotNull.column());
            requireColumn(spec, "condition", name);
            return new Condition.IsNotNull(name);
        }
        throw new IllegalArgumentException("condition: unsupported condition " + condition);
    }

    /** The expected version in its normalised Java type. */
    static Object version(EntitySpec spec, Object expectedVersion) {
        if (expectedVersion == null) throw new IllegalArgumentException("expectedVersion must not be null");
        switch (spec.versionKind()) {
            case LONG:
                if (expectedVersion instanceof Long) return expectedVersion;
                if (expectedVersion instanceof Integer number) return number.longValue();
                break;
            case UUID:
                if (expectedVersion instanceof UUID) return expectedVersion;
                break;
            case TIMESTAMP:
                if (expectedVersion instanceof Instant instant) return instant.truncatedTo(ChronoUnit.MILLIS);
                break;
            default:
                throw new AssertionError(spec.versionKind());
        }
        throw new IllegalArgumentException("expectedVersion: " + spec.table() + " has " + spec.versionKind()
                + " versions; a " + expectedVersion.getClass().getName() + " is not one");
    }

    /** A set value of {@code changes} for {@code column}, checked and normalised as {@link #assignments} checks it. */
    static Object changedValue(EntityMapper<?> mapper, String column, Object value) {
        return value(mapper, "changes", column, value);
    }

    /**
     * As {@link #changedValue(EntityMapper, String, Object)}, for a column whose type the caller looked up once
     * (both mappers convert a value with its column type's {@link ColumnType#coerce}).
     */
    static Object changedValue(ColumnType type, String column, Object value) {
        if (value == null) return null;
        try {
            return type.coerce(column, value);
        } catch (IllegalArgumentException wrongType) {
            throw about("changes", wrongType);
        }
    }

    private static Object value(EntityMapper<?> mapper, String argument, String column, Object value) {
        try {
            return mapper.toColumnValue(column, value);
        } catch (IllegalArgumentException wrongType) {
            throw about(argument, wrongType);
        }
    }

    private static ColumnDefinition requireColumn(EntitySpec spec, String argument, String name) {
        try {
            return spec.requireColumn(name);
        } catch (IllegalArgumentException unknown) {
            throw about(argument, unknown);
        }
    }

    /** {@code cause} again, its message prefixed with the argument it is about. */
    private static IllegalArgumentException about(String argument, IllegalArgumentException cause) {
        return new IllegalArgumentException(argument + ": " + cause.getMessage(), cause);
    }
}
