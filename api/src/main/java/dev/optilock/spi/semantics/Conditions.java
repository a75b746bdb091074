package dev.optilock.spi.semantics;

import dev.optilock.Condition;
import dev.optilock.Row;

/**
 * When a {@link Condition} holds for a row, as every backend must decide it: comparisons with a null column
 * value are false, except not-equal, which is true; equality is {@link Values#same}; ordering is the values'
 * natural order; the empty conjunction is true.
 */
public final class Conditions {
    private Conditions() {
    }

    /**
     * Whether {@code condition} holds for {@code row}.
     *
     * @throws IllegalArgumentException for a condition type this version does not know
     */
    public static boolean test(Condition condition, Row row) {
        if (condition instanceof Condition.All all) {
            for (Condition part : all.conditions()) {
                if (!test(part, row)) return false;
            }
            return true;
        }
        if (condition instanceof Condition.IsNull isNull) return row.asMap().get(isNull.column()) == null;
        if (condition instanceof Condition.IsNotNull isNotNull) return row.asMap().get(isNotNull.column()) != null;
        if (condition instanceof Condition.In in) {
            Object value = row.asMap().get(in.column());
            return value != null && in.values().stream().anyMatch(candidate -> Values.same(value, candidate));
        }
        if (condition instanceof Condition.Comparison comparison) {
            Object value = row.asMap().get(comparison.column());
            if (value == null) return comparison.operator() == Condition.Operator.NOT_EQUAL;
            return switch (comparison.operator()) {
                case EQUAL -> Values.same(value, comparison.value());
                case NOT_EQUAL -> !Values.same(value, comparison.value());
                case LESS_THAN -> compare(value, comparison.value()) < 0;
                case LESS_THAN_OR_EQUAL -> compare(value, comparison.value()) <= 0;
                case GREATER_THAN -> compare(value, comparison.value()) > 0;
                case GREATER_THAN_OR_EQUAL -> compare(value, comparison.value()) >= 0;
            };
        }
        throw new IllegalArgumentException("unsupported condition " + condition);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }
}
