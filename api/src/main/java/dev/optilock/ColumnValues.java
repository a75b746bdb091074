package dev.optilock;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The unmodifiable map behind a {@link Row} of known columns ({@link Row#of(List, Object...)}): the column names (a
 * list shared by every row of those columns, which looks names up) and an array of values, in the same order.
 */
final class ColumnValues extends AbstractMap<String, Object> {
    private final ColumnNames columns;
    private final Object[] values;
    private Set<Map.Entry<String, Object>> entries;

    /** @param values as many as {@code columns}, owned by this map */
    ColumnValues(ColumnNames columns, Object[] values) {
        this.columns = columns;
        this.values = values;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean containsKey(Object column) {
        return indexOf(column) >= 0;
    }

    @Override
    public Object get(Object column) {
        int at = indexOf(column);
        return at < 0 ? null : values[at];
    }

    @Override
    public Set<String> keySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<String> iterator() {
                return columns.iterator();
            }

            @Override
            public int size() {
                return values.length;
            }

            @Override
            public boolean contains(Object column) {
                return indexOf(column) >= 0;
            }
        };
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        if (entries == null) {
            entries = new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<String, Object>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < values.length;
                        }

                        @Override
                        public Map.Entry<String, Object> next() {
                            if (next >= values.length) throw new NoSuchElementException();
                            int at = next++;
                            return new SimpleImmutableEntry<>(columns.get(at), values[at]);
                        }
                    };
                }

                @Override
                public int size() {
                    return values.length;
                }
            };
        }
        return entries;
    }

    private int indexOf(Object column) {
        return columns.indexOf(column);
    }
}
