package dev.optilock.internal;

import dev.optilock.ColumnDefinition;
import dev.optilock.ColumnType;
import dev.optilock.EntitySpec;
import dev.optilock.Row;
import java.util.UUID;

/**
 * The two hidden columns a store with write identities keeps in every row, next to the entity's own columns:
 * {@value #WRITE}, the identity of the write that produced the row's values (an insert, a re-insert or an update),
 * and {@value #DELETED}, the identity of the delete that turned the row into a tombstone (null while it is live).
 *
 * <p>A delete keeps the row as an invisible tombstone, so a key's versions never repeat across its incarnations: a
 * re-insert continues from the tombstone's version. Identities are random UUIDs, unique across the whole history of
 * a row, which is what lets an unknown outcome be settled (see {@link Settlement}).
 */
final class WriteIdentity {
    static final String WRITE = "optilock_write";
    static final String DELETED = "optilock_deleted";

    private WriteIdentity() {
    }

    /** The spec the backend stores: the entity's columns, then the two hidden ones. */
    static EntitySpec stored(EntitySpec spec) {
        for (String hidden : new String[] {WRITE, DELETED}) {
            if (spec.column(hidden).isPresent()) {
                throw new IllegalArgumentException("entity '" + spec.table() + "' declares column '" + hidden
                        + "', a name Optilock reserves for its write identity");
            }
        }
        EntitySpec.Builder builder = EntitySpec.builder(spec.table());
        for (ColumnDefinition column : spec.columns()) {
            String name = column.name();
            if (spec.partitionKey().contains(name)) {
                builder.partitionKey(name, column.type());
            } else if (spec.clusteringKey().contains(name)) {
                builder.clusteringKey(name, column.type());
            } else if (name.equals(spec.versionColumn())) {
                builder.version(name, spec.versionKind());
            } else if (spec.softDeleteColumn().filter(name::equals).isPresent()) {
                builder.softDelete(name);
            } else {
                builder.column(name, column.type());
            }
        }
        return builder.column(WRITE, ColumnType.UUID).column(DELETED, ColumnType.UUID).build();
    }

    /** The row without the hidden columns, as the entity's own spec describes it. */
    static Row strip(Row row) {
        if (row == null || !row.has(WRITE) && !row.has(DELETED)) return row;
        Row.Builder visible = Row.builder();
        row.asMap().forEach((column, value) -> {
            if (!column.equals(WRITE) && !column.equals(DELETED)) visible.set(column, value);
        });
        return visible.build();
    }

    static boolean isTombstone(Row row) {
        return row != null && row.has(DELETED) && row.asMap().get(DELETED) != null;
    }

    static UUID writeOf(Row row) {
        return row != null && row.has(WRITE) ? (UUID) row.asMap().get(WRITE) : null;
    }

    static UUID deleteOf(Row row) {
        return row != null && row.has(DELETED) ? (UUID) row.asMap().get(DELETED) : null;
    }
}
