package dev.optilock.sql;

import dev.optilock.ColumnDefinition;
import dev.optilock.EntitySpec;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.QueryPart;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** The DDL of one table: creating it, and checking that an existing table has every column of the spec. */
final class TableDefinition {
    private final EntitySpec spec;
    private final Dialect dialect;
    private final DSLContext dsl;
    private final Table<?> table;
    private final List<Field<Object>> fields;

    TableDefinition(EntitySpec spec, Dialect dialect, DSLContext dsl, Table<?> table, List<Field<Object>> fields) {
        this.spec = spec;
        this.dialect = dialect;
        this.dsl = dsl;
        this.table = table;
        this.fields = fields;
    }

    /**
     * {@code CREATE TABLE IF NOT EXISTS t (c type [NOT NULL], ..., PRIMARY KEY (partition..., clustering...))};
     * key columns are NOT NULL, the others nullable.
     */
    String createTable() {
        List<QueryPart> definitions = new ArrayList<>();
        for (ColumnDefinition column : spec.columns()) {
            String type = dialect.columnTypeName(column.type()) + (spec.isKey(column.name()) ? " not null" : "");
            definitions.add(DSL.sql("{0} " + type, DSL.name(column.name())));
        }
        List<QueryPart> key = new ArrayList<>();
        for (String name : spec.keyColumns()) {
            key.add(DSL.name(name));
        }
        return dsl.render(DSL.query("create table if not exists {0} ({1}, primary key ({2}))", table,
                DSL.list(definitions), DSL.list(key)));
    }

    /** {@code SELECT columns FROM t WHERE false}: fails when a column of the spec is missing. */
    String checkColumns() {
        return dsl.render(dsl.select(fields).from(table).where(DSL.falseCondition()));
    }
}
