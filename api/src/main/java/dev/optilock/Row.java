package dev.optilock;

import dev.optilock.spi.semantics.Values;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * An immutable row: column names mapped to values, for users who do not map records. A column that is
 * present may hold null. Values have the Java type of their {@link ColumnType}; byte arrays are copied on
 * the way in and out. Two rows are equal when they have the same columns with the same values (byte
 * arrays by content, decimals by numeric value).
 */
public final class Row {
    private final Map<String, Object> values;

    private Row(Map<String, Object> values) {
        this.values = values instanceof ColumnValues ? values : Collections.unmodifiableMap(values);
    }

    /** Starts an empty row. */
    public static Builder builder() {
        return new Builder(new LinkedHashMap<>());
    }

    /** A row with these columns and values (null values allowed); byte arrays are copied. */
    public static Row of(Map<String, ?> values) {
        Builder builder = builder();
        values.forEach(builder::set);
        return builder.build();
    }

    /**
     * A row of {@code columns} holding {@code values} in the same order (null values allowed; the array is copied,
     * byte arrays too). Lighter than a builder for a row whose columns are known, such as an entity's
     * ({@link EntitySpec#columnNames()}): the names are shared, not copied into a map per row.
     *
     * @throws IllegalArgumentException if a column name is null or repeated, or the counts differ
     */
    public static Row of(List<String> columns, Object... values) {
        if (columns == null || values == null) throw new IllegalArgumentException("columns and values must not be null");
        ColumnNames names = ColumnNames.of(columns);
        if (names.size() != values.length) {
            throw new IllegalArgumentException(names.size() + " columns " + names + " but " + values.length + " values");
        }
        Object[] copy = new Object[values.length];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = values[i] instanceof byte[] bytes ? bytes.clone() : values[i];
        }
        return new Row(new ColumnValues(names, copy));
    }

    /** A builder that starts with this row's columns, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder(new LinkedHashMap<>(values));
    }

    /** The column names, in the order they were set. */
    public Set<String> columns() {
        return values.keySet();
    }

    public boolean has(String column) {
        return values.containsKey(column);
    }

    /**
     * The value of a column, possibly null; byte arrays are copied.
     *
     * @throws IllegalArgumentException if the row has no such column
     */
    public Object get(String column) {
        Object value = require(column);
        return value instanceof byte[] bytes ? bytes.clone() : value;
    }

    public String getString(String column) {
        return typed(column, String.class);
    }

    public Integer getInt(String column) {
        return typed(column, Integer.class);
    }

    public Long getLong(String column) {
        return typed(column, Long.class);
    }

    public Boolean getBoolean(String column) {
        return typed(column, Boolean.class);
    }

    public Double getDouble(String column) {
        return typed(column, Double.class);
    }

    public BigDecimal getDecimal(String column) {
        return typed(column, BigDecimal.class);
    }

    public UUID getUuid(String column) {
        return typed(column, UUID.class);
    }

    public Instant getInstant(String column) {
        return typed(column, Instant.class);
    }

    public byte[] getBytes(String column) {
        byte[] bytes = typed(column, byte[].class);
        return bytes == null ? null : bytes.clone();
    }

    /** The values as an unmodifiable map; byte arrays in it are shared and must not be modified. */
    public Map<String, Object> asMap() {
        return values;
    }

    private Object require(String column) {
        if (!values.containsKey(column)) {
            throw new IllegalArgumentException("row has no column '" + column + "'; it has " + values.keySet());
        }
        return values.get(column);
    }

    private <V> V typed(String column, Class<V> type) {
        Object value = require(column);
        if (value != null && !type.isInstance(value)) {
            throw new IllegalArgumentException("column '" + column + "' holds a " + value.getClass().getSimpleName()
                    + ", not a " + type.getSimpleName());
        }
        return type.cast(value);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Row that) || !values.keySet().equals(that.values.keySet())) {
            return false;
        }
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            if (!Values.same(entry.getValue(), that.values.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 0;
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            hash += entry.getKey().hashCode() ^ Values.hash(entry.getValue());
        }
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("Row{");
        boolean first = true;
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            if (!first) out.append(", ");
            first = false;
            out.append(entry.getKey()).append('=').append(Values.toString(entry.getValue()));
        }
        return out.append('}').toString();
    }

    /** Builds a {@link Row}. */
    public static final class Builder {
        private LinkedHashMap<String, Object> values;
        /** Whether the last built row holds {@link #values}: the next change copies them first. */
        private boolean shared;

        private Builder(LinkedHashMap<String, Object> values) {
            this.values = values;
        }

        /** Sets a column; null is a value. Byte arrays are copied. */
        public Builder set(String column, Object value) {
            if (column == null) {
                throw new IllegalArgumentException("column name must not be null");
            }
            writable().put(column, value instanceof byte[] bytes ? bytes.clone() : value);
            return this;
        }

        public Builder remove(String column) {
            writable().remove(column);
            return this;
        }

        /**
         * The row; the builder can go on and build others, each an independent copy (the values are handed to the row,
         * and copied only if the builder is changed after).
         */
        public Row build() {
            shared = true;
            return new Row(values);
        }

        private LinkedHashMap<String, Object> writable() {
            if (shared) {
                values = new LinkedHashMap<>(values);
                shared = false;
            }
            return values;
        }
    }
}
