package dev.optilock;

import dev.optilock.spi.semantics.Values;

import java.util.List;

/**
 * The values of a row's key columns, in {@link EntitySpec#keyColumns()} order (partition columns, then
 * clustering columns). Immutable; byte arrays are copied in and compared by content.
 */
public final class PrimaryKey {
    /** The value of a one-column key (the usual key, kept without a list); null for a key of more columns. */
    private final Object only;
    /** The values of a key of more columns, an unmodifiable list; null for a one-column key. */
    private final List<Object> values;

    private PrimaryKey(Object only, List<Object> values) {
        this.only = only;
        this.values = values;
    }

    /**
     * A key made of these values.
     *
     * @throws IllegalArgumentException if there are no values or one of them is null
     */
    public static PrimaryKey of(Object... values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("key must have at least one value");
        }
        if (values.length == 1) { // the usual key, without a copy of the array
            Object value = values[0];
            if (value == null) throw new IllegalArgumentException("key value 0 must not be null");
            return new PrimaryKey(value instanceof byte[] bytes ? bytes.clone() : value, null);
        }
        Object[] copy = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value == null) {
                throw new IllegalArgumentException("key value " + i + " must not be null");
            }
            copy[i] = value instanceof byte[] bytes ? bytes.clone() : value;
        }
        return new PrimaryKey(null, List.of(copy));
    }

    /** The values, in key order, as an unmodifiable list. Byte arrays in it must not be modified. */
    public List<Object> values() {
        return values == null ? List.of(only) : values;
    }

    public int size() {
        return values == null ? 1 : values.size();
    }

    /**
     * The value of key column {@code index}, in key order.
     *
     * @throws IndexOutOfBoundsException if {@code index} is not below {@link #size()}
     */
    public Object get(int index) {
        if (values != null) return values.get(index);
        if (index != 0) throw new IndexOutOfBoundsException("index " + index + " of a one-column key");
        return only;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof PrimaryKey that) || that.size() != size()) {
            return false;
        }
        for (int i = 0; i < size(); i++) {
            if (!Values.same(get(i), that.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (int i = 0; i < size(); i++) {
            hash = hash * 31 + Values.hash(get(i));
        }
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < size(); i++) {
            if (i > 0) out.append(", ");
            out.append(Values.toString(get(i)));
        }
        return out.append(')').toString();
    }

}
