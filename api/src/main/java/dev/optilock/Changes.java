package dev.optilock;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The column changes of one write: values to set and atomic increments. Immutable; each method returns
 * a new instance. Columns are named by column name or, for mapped records, by record component name.
 * Changes are checked against the entity when they are used: unknown columns, key or version columns,
 * values of the wrong type and empty changes are rejected with {@link IllegalArgumentException} before
 * anything is written.
 */
public final class Changes {
    private static final Changes NONE = new Changes(new ColumnChange[0]);

    /** In the order given; a write changes a few columns, so a lookup by name is a scan. */
    private final List<ColumnChange> changes;

    private Changes(ColumnChange[] changes) {
        this.changes = List.of(changes);
    }

    private Changes(ColumnChange change) {
        this.changes = List.of(change);
    }

    /** No changes; add some with {@link #set} or {@link #increment}. */
    public static Changes none() {
        return NONE;
    }

    /** Changes that set one column. */
    public static Changes of(String column, Object value) {
        return NONE.set(column, value);
    }

    /** Changes that set each column of the map (null values allowed). */
    public static Changes of(Map<String, ?> values) {
        List<ColumnChange> changes = new ArrayList<>(values.size());
        for (Map.Entry<String, ?> entry : values.entrySet()) {
            changes.add(new ColumnChange.SetValue(requireName(entry.getKey()), entry.getValue()));
        }
        return new Changes(changes.toArray(ColumnChange[]::new));
    }

    /** Also sets {@code column} to {@code value} (null clears it). */
    public Changes set(String column, Object value) {
        return with(new ColumnChange.SetValue(requireName(column), value));
    }

    /**
     * Also adds {@code delta} to a numeric column, atomically in the database: concurrent increments are
     * never lost, even without a version check. A null value counts as zero. The delta must fit the
     * column's type (an {@code Integer} for INT, an integral value for BIGINT, and so on).
     */
    public Changes increment(String column, Number delta) {
        if (delta == null) {
            throw new IllegalArgumentException("delta for column '" + column + "' must not be null");
        }
        return with(new ColumnChange.Increment(requireName(column), delta));
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** The changes, one per column, in the order they were first given (an unmodifiable list). */
    public List<ColumnChange> changes() {
        return changes;
    }

    private Changes with(ColumnChange change) {
        if (changes.isEmpty()) return new Changes(change);
        ColumnChange[] copy = new ColumnChange[changes.size() + 1];
        for (int i = 0; i < changes.size(); i++) {
            copy[i] = changes.get(i);
            if (copy[i].column().equals(change.column())) {
                throw new IllegalArgumentException("column '" + change.column() + "' is changed twice");
            }
        }
        copy[changes.size()] = change;
        return new Changes(copy);
    }

    private static String requireName(String column) {
        if (column == null || column.isEmpty()) {
            throw new IllegalArgumentException("column name must not be null or empty");
        }
        return column;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Changes that && changes.equals(that.changes);
    }

    @Override
    public int hashCode() {
        return changes.hashCode();
    }

    @Override
    public String toString() {
        return "Changes" + changes;
    }
}
