package dev.optilock.memory;

import dev.optilock.Condition;
import dev.optilock.Row;
import dev.optilock.internal.Values;

/**
 * Evaluates a {@link Condition} on a row with the semantics every backend must have: comparisons with a
 * null value are false, except not-equal, which is true; the empty conjunction is true.
 */
public final class RowConditions {
    private RowConditions() {
    }

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
