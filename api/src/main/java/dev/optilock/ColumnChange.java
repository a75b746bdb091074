package dev.optilock;

/**
 * One column change of a {@link Changes}: a value to set or an atomic increment. The column is named as the
 * caller named it (a column name, or a record component name for mapped records); it is checked against the
 * entity when the changes are used.
 */
public sealed interface ColumnChange {

    /** The column changed, as the caller named it. */
    String column();

    /** Sets the column to {@code value}; null clears it. */
    record SetValue(String column, Object value) implements ColumnChange {
    }

    /** Adds {@code delta} to a numeric column atomically in the database; a null value counts as zero. */
    record Increment(String column, Number delta) implements ColumnChange {
    }
}
