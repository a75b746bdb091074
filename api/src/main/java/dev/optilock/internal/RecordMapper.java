package dev.optilock.internal;

import dev.optilock.ColumnType;
import dev.optilock.EntitySpec;
import dev.optilock.Identifiers;
import dev.optilock.Row;
import dev.optilock.VersionKind;
import dev.optilock.mapping.Column;
import dev.optilock.mapping.Key;
import dev.optilock.mapping.SoftDelete;
import dev.optilock.mapping.Table;
import dev.optilock.mapping.Version;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Maps a record type to rows. All reflection happens once, in the constructor: the hot path calls
 * pre-bound, exactly typed method handles only (the constructor's spreader is bound once too).
 */
final class RecordMapper<T extends Record> implements EntityMapper<T> {
    private final Class<T> type;
    private final EntitySpec spec;
    private final String[] columns;
    /** {@link #columns} as a list, shared by the rows this mapper makes (set on first use; any thread's copy will do). */
    private List<String> columnNames;
    private final Class<?>[] javaTypes;
    /** The index in the spec's columns of each component's column. */
    private final int[] specIndexes;
    /** Whether each component is an enum, stored by its name (known once: {@link Class#isEnum} is not free per value). */
    private final boolean[] enums;
    private final MethodHandle[] accessors;
    private final MethodHandle constructor;
    /** The constructor taking each component as an Object, for records of up to {@value #MAX_FIXED_ARITY} components (no array per entity); else null. */
    private final MethodHandle fixedArity;
    private static final int MAX_FIXED_ARITY = 6;
    private final Map<String, String> columnByName = new HashMap<>();

    RecordMapper(Class<T> type) {
        if (type == null) throw new IllegalArgumentException("recordType must not be null");
        if (!type.isRecord()) throw new IllegalArgumentException("recordType " + type.getName() + " is not a record");
        this.type = type;
        RecordComponent[] components = type.getRecordComponents();
        int count = components.length;
        this.columns = new String[count];
        this.javaTypes = new Class<?>[count];
        this.enums = new boolean[count];
        this.accessors = new MethodHandle[count];
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        String table = type.isAnnotationPresent(Table.class) ? type.getAnnotation(Table.class).value()
                : Identifiers.snakeCase(type.getSimpleName());
        List<RecordComponent> keys = new ArrayList<>();
        String versionColumn = null;
        VersionKind versionKind = null;
        String softDeleteColumn = null;
        Map<String, ColumnType> types = new HashMap<>();
        for (int i = 0; i < count; i++) {
            RecordComponent component = components[i];
            Column named = component.getAnnotation(Column.class);
            // Interned as the spec's column definitions are: the same instance in both, found by identity.
            String column = Identifiers.requireValid("column name of component '" + component.getName() + "' of " + type.getSimpleName(),
                    named != null ? named.value() : Identifiers.snakeCase(component.getName())).intern();
            columns[i] = column;
            javaTypes[i] = component.getType();
            enums[i] = component.getType().isEnum();
            columnByName.put(column, column);
            columnByName.putIfAbsent(component.getName(), column);
            try {
                accessors[i] = lookup.unreflect(component.getAccessor()).asType(MethodType.methodType(Object.class, Object.class));
            } catch (IllegalAccessException e) {
                throw new IllegalArgumentException("record " + type.getName() + " must be public to be mapped", e);
            }
            types.put(column, columnType(component));
            if (component.isAnnotationPresent(Key.class)) keys.add(component);
            if (component.isAnnotationPresent(Version.class)) {
                if (versionColumn != null) {
                    throw new IllegalArgumentException("record " + type.getName() + " has more than one @Version component");
                }
                versionColumn = column;
                versionKind = versionKind(component);
            }
            if (component.isAnnotationPresent(SoftDelete.class)) {
                if (component.getType() != Instant.class) {
                    throw new IllegalArgumentException("@SoftDelete component '" + component.getName() + "' of "
                            + type.getName() + " must be an Instant");
                }
                softDeleteColumn = column;
            }
        }
        if (keys.isEmpty()) throw new IllegalArgumentException("record " + type.getName() + " has no @Key component");
        if (versionColumn == null) throw new IllegalArgumentException("record " + type.getName() + " has no @Version component");
        keys.sort(Comparator.comparingInt(component -> component.getAnnotation(Key.class).order()));
        EntitySpec.Builder builder = EntitySpec.builder(table);
        boolean clusteringSeen = false;
        for (RecordComponent component : keys) {
            String column = columnByName.get(component.getName());
            if (component.getAnnotation(Key.class).clustering()) {
                builder.clusteringKey(column, types.get(column));
                clusteringSeen = true;
            } else if (clusteringSeen) {
                throw new IllegalArgumentException("record " + type.getName() + ": partition key component '"
                        + component.getName() + "' must come before the clustering components in @Key order");
            } else {
                builder.partitionKey(column, types.get(column));
            }
        }
        for (String column : columns) {
            if (column.equals(versionColumn)) {
                builder.version(column, versionKind);
            } else if (column.equals(softDeleteColumn)) {
                builder.softDelete(column);
            } else if (keys.stream().noneMatch(key -> columnByName.get(key.getName()).equals(column))) {
                builder.column(column, types.get(column));
            }
        }
        this.spec = builder.build();
        this.specIndexes = Arrays.stream(columns).mapToInt(spec.columnNames()::indexOf).toArray();
        try {
            Class<?>[] parameterTypes = new Class<?>[count];
            for (int i = 0; i < count; i++) parameterTypes[i] = components[i].getType();
            MethodHandle canonical = lookup.findConstructor(type, MethodType.methodType(void.class, parameterTypes));
            this.constructor = canonical.asSpreader(Object[].class, count).asType(MethodType.methodType(Object.class, Object[].class));
            this.fixedArity = count <= MAX_FIXED_ARITY ? canonical.asType(MethodType.genericMethodType(count)) : null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("record " + type.getName() + " must be public with a public canonical constructor", e);
        }
    }

    private static ColumnType columnType(RecordComponent component) {
        Class<?> javaType = component.getType();
        if (javaType == String.class || javaType.isEnum()) return ColumnType.TEXT;
        if (javaType == int.class || javaType == Integer.class) return ColumnType.INT;
        if (javaType == long.class || javaType == Long.class) return ColumnType.BIGINT;
        if (javaType == boolean.class || javaType == Boolean.class) return ColumnType.BOOLEAN;
        if (javaType == double.class || javaType == Double.class) return ColumnType.DOUBLE;
        if (javaType == BigDecimal.class) return ColumnType.DECIMAL;
        if (javaType == UUID.class) return ColumnType.UUID;
        if (javaType == Instant.class) return ColumnType.TIMESTAMP;
        if (javaType == byte[].class) return ColumnType.BYTES;
        throw new IllegalArgumentException("component '" + component.getName() + "' of "
                + component.getDeclaringRecord().getName() + " has unsupported type " + javaType.getName());
    }

    private static VersionKind versionKind(RecordComponent component) {
        Class<?> javaType = component.getType();
        if (javaType == long.class || javaType == Long.class) return VersionKind.LONG;
        if (javaType == UUID.class) return VersionKind.UUID;
        if (javaType == Instant.class) return VersionKind.TIMESTAMP;
        throw new IllegalArgumentException("@Version component '" + component.getName() + "' of "
                + component.getDeclaringRecord().getName() + " must be long, Long, UUID or Instant, not " + javaType.getName());
    }

    @Override
    public EntitySpec spec() {
        return spec;
    }

    @Override
    public Class<T> type() {
        return type;
    }

    @Override
    public Row toRow(T entity) {
        if (entity == null) throw new IllegalArgumentException("entity must not be null");
        Object[] values = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            Object value;
            try {
                value = (Object) accessors[i].invokeExact((Object) entity);
            } catch (Throwable e) {
                throw new IllegalStateException("accessor of column '" + columns[i] + "' failed", e);
            }
            values[i] = toColumnValue(columns[i], value);
        }
        List<String> names = columnNames;
        if (names == null) {
            // The spec's own list when the components come in its order: its names are checked once, not per row.
            List<String> components = List.of(columns);
            columnNames = names = components.equals(spec.columnNames()) ? spec.columnNames() : components;
        }
        Row built = Row.of(names, values);
        for (String key : spec.keyColumns()) {
            if (built.asMap().get(key) == null) {
                throw new IllegalArgumentException("entity: key column '" + key + "' of " + spec.table() + " must not be null");
            }
        }
        return built;
    }

    @Override
    public T toEntity(Row row) {
        return entity(row.asMap());
    }

    @Override
    public T toEntity(Object[] values) {
        return entity(values);
    }

    /** @param values the row as a map by column name, or as an array in the spec's column order ({@link #component}) */
    private T entity(Object values) {
        try {
            if (fixedArity != null) return type.cast(construct(values));
            Object[] arguments = new Object[columns.length];
            for (int i = 0; i < columns.length; i++) arguments[i] = component(values, i);
            return type.cast((Object) constructor.invokeExact(arguments));
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("constructor of " + type.getName() + " failed", e);
        }
    }

    private Object construct(Object values) throws Throwable {
        return switch (columns.length) {
            case 0 -> (Object) fixedArity.invokeExact();
            case 1 -> (Object) fixedArity.invokeExact(component(values, 0));
            case 2 -> (Object) fixedArity.invokeExact(component(values, 0), component(values, 1));
            case 3 -> (Object) fixedArity.invokeExact(component(values, 0), component(values, 1), component(values, 2));
            case 4 -> (Object) fixedArity.invokeExact(component(values, 0), component(values, 1), component(values, 2),
                    component(values, 3));
            case 5 -> (Object) fixedArity.invokeExact(component(values, 0), component(values, 1), component(values, 2),
                    component(values, 3), component(values, 4));
            case 6 -> (Object) fixedArity.invokeExact(component(values, 0), component(values, 1), component(values, 2),
                    component(values, 3), component(values, 4), component(values, 5));
            default -> throw new AssertionError(columns.length);
        };
    }

    /**
     * The value of component {@code i}, from its column: read by name from a map, or at the column's index in the spec
     * from an array (a private choice, so that both share one constructor call without an adapter object per row).
     */
    @SuppressWarnings("unchecked")
    private Object component(Object values, int i) {
        Object value = values instanceof Object[] array ? array[specIndexes[i]] : ((Map<String, Object>) values).get(columns[i]);
        return toJava(columns[i], javaTypes[i], enums[i], value);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object toJava(String column, Class<?> javaType, boolean isEnum, Object value) {
        if (value == null) {
            if (javaType.isPrimitive()) {
                throw new IllegalStateException("column '" + column + "' of " + spec.table() + " is null but component of "
                        + type.getSimpleName() + " is primitive " + javaType.getName());
            }
            return null;
        }
        if (isEnum) {
            return Enum.valueOf((Class) javaType, (String) value);
        }
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        return value;
    }

    @Override
    public String columnFor(String name) {
        String column = columnByName.get(name);
        return column == null ? name : column;
    }
}
