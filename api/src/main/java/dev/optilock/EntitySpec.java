package dev.optilock;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Optilock knows about one table: its name, its key (partition columns, then clustering columns),
 * its typed columns, its version column and the kind of that version, and an optional soft-delete column.
 *
 * <p>Instances are immutable and validated when built: identifiers are checked, names are unique, the
 * key is not empty, and the soft-delete column, when present, is a nullable {@link ColumnType#TIMESTAMP}
 * (a row is soft-deleted when it is set).
 */
public final class EntitySpec {
    private final String table;
    private final List<ColumnDefinition> columns;
    private final List<String> columnNames;
    private final List<String> partitionKey;
    private final List<String> clusteringKey;
    private final List<String> keyColumns;
    private final String versionColumn;
    private final VersionKind versionKind;
    private final String softDeleteColumn;
    private final Map<String, ColumnDefinition> byName;
    /** Backends look their statements up by spec on every call. */
    private final int hash;

    private EntitySpec(Builder builder) {
        this.table = Identifiers.requireValid("table name", builder.table);
        if (builder.partitionKey.isEmpty()) {
            throw new IllegalArgumentException("entity '" + table + "' needs at least one partition key column");
        }
        if (builder.versionColumn == null) {
            throw new IllegalArgumentException("entity '" + table + "' needs a version column");
        }
        this.columns = List.copyOf(builder.columns.values());
        this.columnNames = ColumnNames.of(columns.stream().map(ColumnDefinition::name).toList());
        this.partitionKey = List.copyOf(builder.partitionKey);
        this.clusteringKey = List.copyOf(builder.clusteringKey);
        List<String> key = new ArrayList<>(partitionKey);
        key.addAll(clusteringKey);
        this.keyColumns = Collections.unmodifiableList(key);
        this.versionColumn = builder.versionColumn;
        this.versionKind = builder.versionKind;
        this.softDeleteColumn = builder.softDeleteColumn;
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(builder.columns));
        this.hash = table.hashCode() * 31 + columns.hashCode();
    }

    /** Starts a spec for the given table. */
    public static Builder builder(String table) {
        return new Builder(table);
    }

    public String table() {
        return table;
    }

    /** Every column in declaration order: key columns, then the others, including version and soft delete. */
    public List<ColumnDefinition> columns() {
        return columns;
    }

    /** The names of {@link #columns()}, in the same order (for {@link Row#of(List, Object...)}). */
    public List<String> columnNames() {
        return columnNames;
    }

    public List<String> partitionKey() {
        return partitionKey;
    }

    public List<String> clusteringKey() {
        return clusteringKey;
    }

    /** Partition key columns followed by clustering columns: the order of {@link PrimaryKey} values. */
    public List<String> keyColumns() {
        return keyColumns;
    }

    /**
     * The primary key of {@code row}: the values of {@link #keyColumns()}, in that order.
     *
     * @throws IllegalArgumentException if {@code row} is null or lacks a key column
     */
    public PrimaryKey keyOf(Row row) {
        if (row == null) throw new IllegalArgumentException("row must not be null");
        Object[] values = new Object[keyColumns.size()];
        for (int i = 0; i < values.length; i++) {
            Object value = row.asMap().get(keyColumns.get(i));
            if (value == null) {
                throw new IllegalArgumentException("row of " + table + " has no value for key column '" + keyColumns.get(i) + "'");
            }
            values[i] = value;
        }
        return PrimaryKey.of(values);
    }

    public String versionColumn() {
        return versionColumn;
    }

    public VersionKind versionKind() {
        return versionKind;
    }

    public Optional<String> softDeleteColumn() {
        return Optional.ofNullable(softDeleteColumn);
    }

    /** The column with this name, if any. */
    public Optional<ColumnDefinition> column(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Whether {@code name} is a key column. */
    public boolean isKey(String name) {
        return keyColumns.contains(name);
    }

    /**
     * The column with this name.
     *
     * @throws IllegalArgumentException naming the entity and the column if there is none
     */
    public ColumnDefinition requireColumn(String name) {
        ColumnDefinition column = name == null ? null : byName.get(name);
        if (column == null) {
            throw new IllegalArgumentException("entity '" + table + "' has no column '" + name + "'; columns are "
                    + byName.keySet());
        }
        return column;
    }

    @Override
    public String toString() {
        return "EntitySpec[" + table + ", key=" + keyColumns + ", columns=" + columns + ", version=" + versionColumn
                + " " + versionKind + (softDeleteColumn == null ? "" : ", softDelete=" + softDeleteColumn) + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EntitySpec that && table.equals(that.table) && columns.equals(that.columns)
                && partitionKey.equals(that.partitionKey) && clusteringKey.equals(that.clusteringKey)
                && versionColumn.equals(that.versionColumn) && versionKind == that.versionKind
                && java.util.Objects.equals(softDeleteColumn, that.softDeleteColumn);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Builds an {@link EntitySpec}; every method validates its arguments at once. */
    public static final class Builder {
        private final String table;
        private final Map<String, ColumnDefinition> columns = new LinkedHashMap<>();
        private final List<String> partitionKey = new ArrayList<>();
        private final List<String> clusteringKey = new ArrayList<>();
        private String versionColumn;
        private VersionKind versionKind;
        private String softDeleteColumn;

        private Builder(String table) {
            this.table = Identifiers.requireValid("table name", table);
        }

        /** Adds a partition key column; call it once per column, in key order. */
        public Builder partitionKey(String name, ColumnType type) {
            partitionKey.add(add(name, type));
            return this;
        }

        /** Adds a clustering key column after the partition key columns; call it once per column, in order. */
        public Builder clusteringKey(String name, ColumnType type) {
            clusteringKey.add(add(name, type));
            return this;
        }

        /** Adds a regular, nullable column. */
        public Builder column(String name, ColumnType type) {
            add(name, type);
            return this;
        }

        /** Declares the version column; its type follows from {@code kind}. */
        public Builder version(String name, VersionKind kind) {
            if (versionColumn != null) {
                throw new IllegalArgumentException("entity '" + table + "' already has version column '" + versionColumn + "'");
            }
            if (kind == null) {
                throw new IllegalArgumentException("version kind must not be null");
            }
            versionColumn = add(name, kind.columnType());
            versionKind = kind;
            return this;
        }

        /** Declares a nullable TIMESTAMP soft-delete column: a row whose column is set counts as deleted. */
        public Builder softDelete(String name) {
            if (softDeleteColumn != null) {
                throw new IllegalArgumentException("entity '" + table + "' already has soft-delete column '" + softDeleteColumn + "'");
            }
            softDeleteColumn = add(name, ColumnType.TIMESTAMP);
            return this;
        }

        /** Adds a column; returns its name as the definition holds it (the canonical instance). */
        private String add(String name, ColumnType type) {
            Identifiers.requireValid("column name", name);
            if (type == null) {
                throw new IllegalArgumentException("type of column '" + name + "' must not be null");
            }
            if (columns.containsKey(name)) {
                throw new IllegalArgumentException("entity '" + table + "' declares column '" + name + "' twice");
            }
            ColumnDefinition column = new ColumnDefinition(name, type);
            columns.put(column.name(), column);
            return column.name();
        }

        public EntitySpec build() {
            return new EntitySpec(this);
        }
    }
}
