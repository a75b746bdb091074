package dev.optilock.internal;

import dev.optilock.ColumnDefinition;
import dev.optilock.EntitySpec;
import dev.optilock.Row;

/** The identity mapping for the row-level API: checks and normalises rows against the spec. */
final class RowMapper implements EntityMapper<Row> {
    private final EntitySpec spec;

    RowMapper(EntitySpec spec) {
        this.spec = spec;
    }

    @Override
    public EntitySpec spec() {
        return spec;
    }

    @Override
    public Class<Row> type() {
        return Row.class;
    }

    @Override
    public Row toRow(Row entity) {
        if (entity == null) throw new IllegalArgumentException("entity must not be null");
        for (String column : entity.columns()) {
            spec.requireColumn(column);
        }
        Row.Builder normalised = Row.builder();
        for (ColumnDefinition column : spec.columns()) {
            Object value = entity.has(column.name()) ? entity.asMap().get(column.name()) : null;
            normalised.set(column.name(), value == null ? null : column.type().coerce(column.name(), value));
        }
        Row row = normalised.build();
        for (String key : spec.keyColumns()) {
            if (row.asMap().get(key) == null) {
                throw new IllegalArgumentException("entity: key column '" + key + "' of " + spec.table() + " must not be null");
            }
        }
        return row;
    }

    @Override
    public Row toEntity(Row row) {
        return WriteIdentity.strip(row);
    }

    @Override
    public String columnFor(String name) {
        return name;
    }
}
