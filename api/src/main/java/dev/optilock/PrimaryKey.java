package dev.optilock;

import dev.optilock.spi.semantics.Values;

import java.util.List;

/**
 * The values of a row's key columns, in {@link EntitySpec#keyColumns()} order (partition columns, then
 * clustering columns). Immutable; byte arrays are copied in and compared by content.
 */
public final class PrimaryKey {
    private final List<Object> values;

    /** @param values an unmodifiable list */
    private PrimaryKey(List<Object> values) {
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
            return new PrimaryKey(List.of(value instanceof byte[] bytes ? bytes.clone() : value));
        }
        Object[] copy = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value == null) {
                throw new IllegalArgumentException("key value " + i + " must not be null");
            }
            copy[i] = value instanceof byte[] bytes ? bytes.clone() : value;
        }
        return new PrimaryKey(List.of(copy));
    }

    /** The values, in key order. Byte arrays in it must not be modified. */
    public List<Object> values() {
        return values;
    }

    public int size() {
        return values.size();
    }

    public Object get(int index) {
        return values.get(index);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof PrimaryKey that) || that.values.size() != values.size()) {
            return false;
        }
        for (int i = 0; i < values.size(); i++) {
            if (!Values.same(values.get(i), that.values.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (Object value : values) {
            hash = hash * 31 + Values.hash(value);
        }
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) out.append(", ");
            out.append(Values.toString(values.get(i)));
        }
        return out.append(')').toString();
    }

}
