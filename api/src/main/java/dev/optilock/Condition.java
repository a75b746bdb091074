package dev.optilock;

import dev.optilock.spi.semantics.Values;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A condition on a row's current values, checked atomically with the write it guards (an {@code IF}
 * clause in CQL, a {@code WHERE} clause in SQL).
 *
 * <p>Semantics are the same on every backend: a comparison with a null column value is false, except
 * {@link #notEqualTo}, which is true when the column is null (null differs from every value). Values
 * must not be null: use {@link #isNull} and {@link #isNotNull}. Ordering comparisons are allowed on
 * numeric, text and timestamp columns only; text orders by the backend's collation, so keep ordering
 * conditions on text to values whose order does not depend on it.
 *
 * <p>Doubles: NaN equals NaN and orders above every other number, on every backend (as {@link Double#compare}
 * and PostgreSQL do). Negative zero is not portable: H2 stores {@code -0.0} as {@code 0.0}, and PostgreSQL compares
 * them equal while the reference backend and Cassandra do not; do not write conditions that tell them apart.
 * Text equality is exact: case, spaces and Unicode composition count (TCK rule 1.24).
 */
public sealed interface Condition {

    /** A condition that always holds. */
    static Condition always() {
        return All.EMPTY;
    }

    static Condition equalTo(String column, Object value) {
        return new Comparison(column, Operator.EQUAL, value);
    }

    static Condition notEqualTo(String column, Object value) {
        return new Comparison(column, Operator.NOT_EQUAL, value);
    }

    static Condition lessThan(String column, Object value) {
        return new Comparison(column, Operator.LESS_THAN, value);
    }

    static Condition lessThanOrEqualTo(String column, Object value) {
        return new Comparison(column, Operator.LESS_THAN_OR_EQUAL, value);
    }

    static Condition greaterThan(String column, Object value) {
        return new Comparison(column, Operator.GREATER_THAN, value);
    }

    static Condition greaterThanOrEqualTo(String column, Object value) {
        return new Comparison(column, Operator.GREATER_THAN_OR_EQUAL, value);
    }

    /** The column's value is one of {@code values} (at least one, none null). */
    static Condition in(String column, Object... values) {
        return new In(column, values == null ? null : Arrays.asList(values));
    }

    static Condition isNull(String column) {
        return new IsNull(column);
    }

    static Condition isNotNull(String column) {
        return new IsNotNull(column);
    }

    /** All of these conditions hold; {@code all()} with no argument always holds. */
    static Condition all(Condition... conditions) {
        if (conditions == null) throw new IllegalArgumentException("conditions must not be null");
        for (Condition condition : conditions) {
            if (condition == null) throw new IllegalArgumentException("conditions must not contain null");
        }
        return new All(List.of(conditions));
    }

    /** This condition and {@code other}. */
    default Condition and(Condition other) {
        List<Condition> parts = new ArrayList<>(this instanceof All all ? all.conditions() : List.of(this));
        if (other instanceof All all) {
            parts.addAll(all.conditions());
        } else {
            parts.add(other);
        }
        return new All(parts);
    }

    /** Comparison operators. */
    enum Operator {
        EQUAL("="), NOT_EQUAL("!="), LESS_THAN("<"), LESS_THAN_OR_EQUAL("<="), GREATER_THAN(">"), GREATER_THAN_OR_EQUAL(">=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        /** Whether this operator compares order rather than equality. */
        public boolean isOrdering() {
            return this != EQUAL && this != NOT_EQUAL;
        }
    }

    /** {@code column <operator> value}. */
    record Comparison(String column, Operator operator, Object value) implements Condition {
        public Comparison {
            requireColumn(column);
            if (operator == null) throw new IllegalArgumentException("operator must not be null");
            if (value == null) {
                throw new IllegalArgumentException("value compared with column '" + column
                        + "' must not be null; use Condition.isNull or Condition.isNotNull");
            }
        }

        @Override
        public String toString() {
            return column + " " + operator.symbol() + " " + Values.toString(value);
        }
    }

    /** {@code column IN (values)}. */
    record In(String column, List<Object> values) implements Condition {
        public In {
            requireColumn(column);
            if (values == null || values.isEmpty()) {
                throw new IllegalArgumentException("IN condition on column '" + column + "' needs at least one value");
            }
            for (Object value : values) {
                if (value == null) {
                    throw new IllegalArgumentException("IN condition on column '" + column + "' must not contain null");
                }
            }
            values = List.copyOf(values);
        }

        @Override
        public String toString() {
            return column + " IN " + values;
        }
    }

    /** {@code column IS NULL}. */
    record IsNull(String column) implements Condition {
        public IsNull {
            requireColumn(column);
        }

        @Override
        public String toString() {
            return column + " IS NULL";
        }
    }

    /** {@code column IS NOT NULL}. */
    record IsNotNull(String column) implements Condition {
        public IsNotNull {
            requireColumn(column);
        }

        @Override
        public String toString() {
            return column + " IS NOT NULL";
        }
    }

    /** The conjunction of its parts; empty means always true. */
    record All(List<Condition> conditions) implements Condition {
        static final All EMPTY = new All(List.of());

        public All {
            if (conditions == null) throw new IllegalArgumentException("conditions must not be null");
            for (Condition condition : conditions) {
                if (condition == null) throw new IllegalArgumentException("conditions must not contain null");
            }
            conditions = List.copyOf(conditions);
        }

        @Override
        public String toString() {
            return conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions.stream().map(Object::toString).toList());
        }
    }

    private static void requireColumn(String column) {
        if (column == null || column.isEmpty()) {
            throw new IllegalArgumentException("condition column must not be null or empty");
        }
    }
}
