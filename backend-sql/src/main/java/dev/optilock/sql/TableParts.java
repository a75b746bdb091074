package dev.optilock.sql;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.QueryPart;
import org.jooq.Table;

/**
 * The jOOQ parts of one table that statements are built from.
 *
 * @param fields the spec's columns, qualified by the table
 * @param writtenFields the same columns, qualified by the common table expression {@link #WRITTEN}
 */
record TableParts(DSLContext dsl, Table<?> table, List<Field<Object>> fields, List<Field<Object>> writtenFields) {
    /** Name of the common table expression holding the written row; '$' cannot appear in an Optilock identifier. */
    static final org.jooq.Name WRITTEN = org.jooq.impl.DSL.name("w$");

    PreparedSql render(QueryPart query) {
        return PreparedSql.render(dsl, query);
    }
}
