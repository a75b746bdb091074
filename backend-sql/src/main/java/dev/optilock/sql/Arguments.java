package dev.optilock.sql;

import dev.optilock.ColumnType;
import java.util.Arrays;

/**
 * The values of one call, in the order {@link TableStatements} visits them, with their column types; and the
 * call's shape, which names the cached statement text that binds them.
 */
final class Arguments {
    private Object[] values = new Object[8];
    private ColumnType[] types = new ColumnType[8];
    private int size;
    private final StringBuilder shape = new StringBuilder(32);

    /** Adds a value and returns its index. */
    int add(Object value, ColumnType type) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
            types = Arrays.copyOf(types, size * 2);
        }
        values[size] = value;
        types[size] = type;
        return size++;
    }

    Object value(int index) {
        return values[index];
    }

    ColumnType type(int index) {
        return types[index];
    }

    int size() {
        return size;
    }

    /** Appends to the shape: everything that changes the statement text, nothing that is a bound value. */
    Arguments shape(String part) {
        shape.append(part);
        return this;
    }

    Arguments shape(char part) {
        shape.append(part);
        return this;
    }

    Arguments shape(int part) {
        shape.append(part);
        return this;
    }

    /**
     * Appends a column, by its index in the spec: one character past the ASCII the shape's other parts use, within
     * Latin-1 (so the shape's builder never widens to UTF-16), or for a wide spec its index between two marks.
     */
    Arguments column(int index) {
        if (index < 0x80) {
            shape.append((char) (0x80 + index));
        } else {
            shape.append('#').append(index).append(';');
        }
        return this;
    }

    String shape() {
        return shape.toString();
    }

    /** Whether the shape so far is {@code known}, compared without making a string of it. */
    boolean hasShape(String known) {
        return known.contentEquals(shape);
    }
}
