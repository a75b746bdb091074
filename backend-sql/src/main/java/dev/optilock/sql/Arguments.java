package dev.optilock.sql;

import dev.optilock.ColumnType;
import java.util.Arrays;

/**
 * The values of one call, in the order {@link TableStatements} visits them, with their column types; and the
 * call's shape, which names the cached statement text that binds them.
 */
final class Arguments implements CallValues, AutoCloseable {
    private static final int INITIAL = 8;
    /** A thread's spare keeps arrays up to this size; it drops larger ones when released. */
    private static final int KEPT = 64;
    /** Each thread's spare set, lent to one call at a time: a write allocates none of its own. */
    private static final ThreadLocal<Arguments> SPARE = new ThreadLocal<>();

    private Object[] values = new Object[INITIAL];
    private ColumnType[] types = new ColumnType[INITIAL];
    private int size;
    private final StringBuilder shape = new StringBuilder(32);
    /** Whether this is a thread's spare, lent out now. */
    private boolean lent;

    /**
     * Empty arguments for one call on this thread, closed when the call is done with them (they must not be kept):
     * the thread's spare when it is free, else new ones (a call nested in another's).
     */
    static Arguments borrow() {
        Arguments spare = SPARE.get();
        if (spare == null) {
            spare = new Arguments();
            SPARE.set(spare);
        }
        if (spare.lent) return new Arguments();
        spare.lent = true;
        return spare;
    }

    /** Gives borrowed arguments back: they forget their values (so they keep none alive) and their shape. */
    @Override
    public void close() {
        if (!lent) return;
        if (values.length > KEPT) {
            values = new Object[INITIAL];
            types = new ColumnType[INITIAL];
        } else {
            Arrays.fill(values, 0, size, null);
        }
        size = 0;
        shape.setLength(0);
        if (shape.capacity() > 4 * KEPT) shape.trimToSize();
        lent = false;
    }

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

    @Override
    public Object value(int index) {
        return values[index];
    }

    @Override
    public ColumnType type(int index) {
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
