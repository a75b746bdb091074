package dev.optilock;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * The column names of rows of known columns ({@link Row#of(List, Object...)}): distinct, not null, unmodifiable,
 * checked once when the list is made, so the rows made over it are not checked again. {@link EntitySpec#columnNames()}
 * is one; a row made over any other list makes one of that list. A lookup scans up to {@value #SCANNED} names;
 * wider lists index them once, for every row they name.
 */
final class ColumnNames extends AbstractList<String> implements RandomAccess {
    private static final int SCANNED = 12;

    private final String[] names;
    private final Map<String, Integer> index;

    private ColumnNames(String[] names, Map<String, Integer> index) {
        this.names = names;
        this.index = index;
    }

    /**
     * {@code columns} as checked names: the same list when it is one already.
     *
     * @throws IllegalArgumentException if a name is null or repeated
     */
    static ColumnNames of(List<String> columns) {
        if (columns instanceof ColumnNames checked) return checked;
        String[] names = new String[columns.size()];
        Map<String, Integer> index = names.length > SCANNED ? new HashMap<>() : null;
        for (int i = 0; i < names.length; i++) {
            String name = columns.get(i);
            if (name == null) throw new IllegalArgumentException("column name must not be null");
            boolean repeated = index != null ? index.putIfAbsent(name, i) != null : scan(names, i, name) >= 0;
            if (repeated) throw new IllegalArgumentException("column '" + name + "' is repeated");
            names[i] = name;
        }
        return new ColumnNames(names, index == null ? null : Map.copyOf(index));
    }

    @Override
    public String get(int at) {
        return names[at];
    }

    @Override
    public int size() {
        return names.length;
    }

    @Override
    public int indexOf(Object column) {
        if (index != null) {
            Integer at = index.get(column);
            return at == null ? -1 : at;
        }
        return scan(names, names.length, column);
    }

    /** The index of {@code column} among the first {@code count} names, or -1. */
    private static int scan(String[] names, int count, Object column) {
        for (int i = 0; i < count; i++) {
            String name = names[i];
            if (name == column || name.equals(column)) return i;
        }
        return -1;
    }

    @Override
    public boolean contains(Object column) {
        return indexOf(column) >= 0;
    }
}
