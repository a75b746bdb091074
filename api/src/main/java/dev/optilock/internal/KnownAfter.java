package dev.optilock.internal;

import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.spi.Assignment;
import java.util.List;

/**
 * The entity's row after a versioned write whose assignments, key and guard name every column of the entity, so that
 * the store knows it without the row before the write or the backend's answer: each column is a key column, the target
 * of exactly one set value (the changes and the next version), or the soft-delete column the view's guard requires to
 * be null. Such a write can apply only to a row at the expected version and leaves exactly these values; the store
 * then sends it as {@code Backend.set}, which needs no row back (one round trip on every backend, no reporting
 * statement, nothing for the backend to work out per call).
 *
 * <p>Values are the checked ones ({@link InputChecks}): normalised to what every backend stores exactly (timestamps to
 * milliseconds). Hidden columns (the write identity) are not the entity's and are not part of this row.
 */
final class KnownAfter {
    /** Entities with more columns than bits in a long take the general path. */
    private static final int MAX_COLUMNS = Long.SIZE;

    private final List<String> columns;
    /** The index in {@link #columns} of each key column, in key order. */
    private final int[] keyIndexes;
    /** The column the guard pins to null (the soft-delete column of a view without soft-deleted rows), or -1. */
    private final int pinnedNull;
    private final long every;

    /** @param pinnedNull the column the view's guard requires to be null, or null for none */
    KnownAfter(EntitySpec spec, String pinnedNull) {
        this.columns = spec.columnNames();
        this.keyIndexes = spec.keyColumns().stream().mapToInt(columns::indexOf).toArray();
        this.pinnedNull = pinnedNull == null ? -1 : columns.indexOf(pinnedNull);
        this.every = columns.size() >= MAX_COLUMNS ? 0 : (1L << columns.size()) - 1;
    }

    /**
     * The entity's row after {@code assignments} are applied to the row with {@code key} under the view's guard, or
     * null when they do not determine it: an assignment that is not a set value, a column assigned twice, a column
     * neither keyed, set nor pinned, or an entity too wide for this path.
     */
    Row of(PrimaryKey key, List<Assignment> assignments) {
        if (every == 0) return null;
        Object[] values = new Object[columns.size()];
        long known = 0;
        for (int i = 0; i < keyIndexes.length; i++) {
            values[keyIndexes[i]] = key.get(i);
            known |= 1L << keyIndexes[i];
        }
        for (int i = 0; i < assignments.size(); i++) {
            if (!(assignments.get(i) instanceof Assignment.SetValue set)) return null;
            int column = columns.indexOf(set.column());
            if (column < 0) continue; // a hidden column: not the entity's
            long bit = 1L << column;
            if ((known & bit) != 0) return null; // assigned twice (or a key): the general path decides
            values[column] = set.value();
            known |= bit;
        }
        if (pinnedNull >= 0) known |= 1L << pinnedNull; // null unless set: values[pinnedNull] holds either
        return known == every ? Row.of(columns, values) : null;
    }

    /**
     * {@code assignments} as the set values they are, for {@code Backend.set}: only for a list {@link #of} found to
     * determine the row (every element a set value, each column once).
     */
    @SuppressWarnings("unchecked")
    static List<Assignment.SetValue> values(List<Assignment> assignments) {
        return (List<Assignment.SetValue>) (List<?>) assignments;
    }
}
