package dev.optilock;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
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
    private static final Changes NONE = new Changes(Map.of());

    private final Map<String, ColumnChange> changes;

    private Changes(Map<String, ColumnChange> changes) {
        this.changes = changes;
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
        Changes changes = NONE;
        for (Map.Entry<String, ?> entry : values.entrySet()) {
            changes = changes.set(entry.getKey(), entry.getValue());
        }
        return changes;
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

    /** The changes, one per column, in the order they were first given. */
    public List<ColumnChange> changes() {
        return List.copyOf(changes.values());
    }

    private Changes with(ColumnChange change) {
        Map<String, ColumnChange> copy = new LinkedHashMap<>(changes);
        if (copy.containsKey(change.column())) {
            throw new IllegalArgumentException("column '" + change.column() + "' is changed twice");
        }
        copy.put(change.column(), change);
        return new Changes(Collections.unmodifiableMap(copy));
    }

    private static String requireName(String column) {
        if (column == null || column.isEmpty()) {
            throw new IllegalArgumentException("column name must not be null or empty");
        }
        return column;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Changes that && new ArrayList<>(changes.values()).equals(new ArrayList<>(that.changes.values()));
    }

    @Override
    public int hashCode() {
        return changes.hashCode();
    }

    @Override
    public String toString() {
        return "Changes" + changes.values();
    }
}
