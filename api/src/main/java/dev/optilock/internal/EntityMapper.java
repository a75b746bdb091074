package dev.optilock.internal;

import dev.optilock.EntitySpec;
import dev.optilock.Row;

/** Converts between an entity type and the rows of its {@link EntitySpec}. */
public interface EntityMapper<T> {

    EntitySpec spec();

    Class<T> type();

    /** The whole row of {@code entity}, every column present and normalised; key values checked non-null. */
    Row toRow(T entity);

    /** The entity of a whole row; columns of the row that are not the entity's (the store's hidden ones) are left out. */
    T toEntity(Row row);

    /**
     * The entity of a whole row given as the values of the spec's columns, in {@link EntitySpec#columnNames()} order
     * (the array is not kept): for a row the store made itself, without a {@link Row} around it.
     */
    default T toEntity(Object[] values) {
        return toEntity(Row.of(spec().columnNames(), values));
    }

    /** The column a name in {@code Changes} or {@code Condition} refers to: a column name, or a component name. */
    String columnFor(String name);

    /** Converts a user value for {@code column} (an enum, say) to the column's Java type. */
    default Object toColumnValue(String column, Object value) {
        return value == null ? null : spec().requireColumn(column).type().coerce(column, value);
    }
}
