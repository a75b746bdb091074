package dev.optilock.internal;

import dev.optilock.ColumnDefinition;
import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import java.util.ArrayList;
import java.util.List;

/** Turns the caller's key ({@code K}) into a checked, normalised {@link PrimaryKey}. */
final class KeyMapper<K> {
    private final EntitySpec spec;
    private final Class<K> keyType;
    private final List<ColumnDefinition> keyColumns = new ArrayList<>();

    KeyMapper(EntitySpec spec, Class<K> keyType) {
        this.spec = spec;
        this.keyType = keyType;
        for (String name : spec.keyColumns()) keyColumns.add(spec.requireColumn(name));
        if (keyType == null) throw new IllegalArgumentException("keyType must not be null");
        if (keyType != PrimaryKey.class) {
            if (keyColumns.size() != 1) {
                throw new IllegalArgumentException("keyType: " + spec.table() + " has a composite key " + spec.keyColumns()
                        + "; use PrimaryKey.class");
            }
            Class<?> expected = keyColumns.get(0).type().javaType();
            if (!expected.isAssignableFrom(boxed(keyType)) && !(keyType.isEnum() && expected == String.class)) {
                throw new IllegalArgumentException("keyType: key column '" + keyColumns.get(0).name() + "' of " + spec.table()
                        + " holds " + expected.getSimpleName() + ", not " + keyType.getSimpleName());
            }
        }
    }

    PrimaryKey toPrimaryKey(Object key) {
        if (key == null) throw new IllegalArgumentException("key must not be null");
        Object[] values;
        if (key instanceof PrimaryKey primaryKey) {
            if (primaryKey.size() != keyColumns.size()) {
                throw new IllegalArgumentException("key " + primaryKey + " has " + primaryKey.size() + " values; "
                        + spec.table() + " has key columns " + spec.keyColumns());
            }
            values = primaryKey.values().toArray();
        } else {
            if (keyColumns.size() != 1) {
                throw new IllegalArgumentException("key: " + spec.table() + " has a composite key " + spec.keyColumns()
                        + "; pass a PrimaryKey");
            }
            values = new Object[] {key};
        }
        for (int i = 0; i < values.length; i++) {
            ColumnDefinition column = keyColumns.get(i);
            try {
                values[i] = column.type().coerce(column.name(), values[i]);
            } catch (IllegalArgumentException wrongType) {
                throw new IllegalArgumentException("key: " + wrongType.getMessage(), wrongType);
            }
        }
        return PrimaryKey.of(values);
    }

    /** The caller's form of a stored key: the {@link PrimaryKey} itself, or its one value (an enum constant for an enum key). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    K fromPrimaryKey(PrimaryKey primaryKey) {
        if (keyType == PrimaryKey.class) return (K) primaryKey;
        Object value = primaryKey.get(0);
        if (keyType.isEnum() && value instanceof String name) return (K) Enum.valueOf((Class<? extends Enum>) keyType, name);
        return (K) value;
    }

    Class<K> keyType() {
        return keyType;
    }

    private static Class<?> boxed(Class<?> type) {
        if (type == int.class) return Integer.class;
        if (type == long.class) return Long.class;
        if (type == boolean.class) return Boolean.class;
        if (type == double.class) return Double.class;
        return type;
    }
}
