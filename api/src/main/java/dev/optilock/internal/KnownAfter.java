package dev.optilock.internal;

import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import java.util.Arrays;
import java.util.List;

/**
 * The entity's row after a versioned write whose set values, key and guard name every column of the entity, so that
 * the store knows it without the row before the write or the backend's answer: each column is a key column, the target
 * of exactly one set value (the changes and the next version), or the soft-delete column the view's guard requires to
 * be null. Such a write can apply only to a row at the expected version and leaves exactly these values
 * (as {@link dev.optilock.spi.semantics.Assignments#determined} decides for the same write); the store then sends it
 * as a {@link dev.optilock.spi.PreparedSet} ({@link PreparedWrites}).
 *
 * <p>Values are the checked ones ({@link InputChecks}): normalised to what every backend stores (timestamps to
 * milliseconds). Hidden columns (the write identity) are not the entity's and are not part of this row.
 */
final class KnownAfter {
    /** Entities with as many columns as bits in a long, or more, take the general path. */
    private static final int MAX_COLUMNS = Long.SIZE - 1;
    /**
     * Per thread, a row of each width to build an entity in ({@link #entity}), shared by every repository: a write
     * allocates no row of its own, and a repository made per request adds no thread-local of its own.
     */
    private static final ThreadLocal<Object[][]> SPARE_ROWS = ThreadLocal.withInitial(() -> new Object[MAX_COLUMNS + 1][]);

    private final List<String> columns;
    /** The index in {@link #columns} of each key column, in key order. */
    private final int[] keyIndexes;
    /** The key's columns, known before any assignment. */
    private final long keyColumns;
    /**
     * The column the guard pins to null, or 0: null unless a set value names it (it then holds that value; either way
     * it is known).
     */
    private final long pinnedNull;
    /** Every column, or 0 for an entity too wide for this path. */
    private final long every;

    /** @param pinnedNull the column the view's guard requires to be null, or null for none */
    KnownAfter(EntitySpec spec, String pinnedNull) {
        this.columns = spec.columnNames();
        this.keyIndexes = spec.keyColumns().stream().mapToInt(columns::indexOf).toArray();
        this.every = columns.size() > MAX_COLUMNS ? 0 : (1L << columns.size()) - 1;
        long keys = 0;
        for (int keyIndex : keyIndexes) keys |= 1L << keyIndex;
        this.keyColumns = keys;
        this.pinnedNull = pinnedNull == null || every == 0 ? 0 : 1L << columns.indexOf(pinnedNull);
    }

    /**
     * Where each of {@code setColumns} goes in the entity's row (-1 for a hidden column, not the entity's), when set
     * values of them, in this order, determine the row; else null.
     */
    int[] places(List<String> setColumns) {
        if (every == 0) return null;
        int[] places = new int[setColumns.size()];
        long known = keyColumns;
        for (int i = 0; i < places.length; i++) {
            int column = columns.indexOf(setColumns.get(i));
            places[i] = column;
            if (column < 0) continue;
            long bit = 1L << column;
            if ((known & bit) != 0) return null; // assigned twice (or a key): the general path decides
            known |= bit;
        }
        return (known | pinnedNull) == every ? places : null;
    }

    /**
     * The entity's row after set values {@code values} of the columns {@link #places} placed, on the row with
     * {@code key}: its values in the order of the entity's columns.
     */
    Object[] of(PrimaryKey key, int[] places, Object[] values) {
        return fill(new Object[columns.size()], key, places, values);
    }

    /**
     * {@code mapper}'s entity of the row {@link #of} gives, built in this thread's spare row of the entity's width, which
     * is emptied again afterwards (the mapper reads every component before it calls the constructor, and keeps no
     * array). Only entities of at most {@value #MAX_COLUMNS} columns come here ({@link #places}).
     */
    <E> E entity(EntityMapper<E> mapper, PrimaryKey key, int[] places, Object[] values) {
        Object[][] spare = SPARE_ROWS.get();
        int width = columns.size();
        Object[] row = spare[width];
        if (row == null) spare[width] = row = new Object[width];
        try {
            return mapper.toEntity(fill(row, key, places, values));
        } finally {
            Arrays.fill(row, null);
        }
    }

    private Object[] fill(Object[] row, PrimaryKey key, int[] places, Object[] values) {
        for (int i = 0; i < keyIndexes.length; i++) row[keyIndexes[i]] = key.get(i);
        for (int i = 0; i < places.length; i++) {
            if (places[i] >= 0) row[places[i]] = values[i];
        }
        return row;
    }
}
