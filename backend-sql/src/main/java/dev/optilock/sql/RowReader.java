package dev.optilock.sql;

import dev.optilock.ColumnType;
import dev.optilock.EntitySpec;
import dev.optilock.Row;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads the columns of one entity, in the spec's order, from a JDBC result row. */
final class RowReader {
    private final EntitySpec spec;
    private final ColumnType[] types;

    RowReader(EntitySpec spec) {
        this.spec = spec;
        this.types = spec.columns().stream().map(column -> column.type()).toArray(ColumnType[]::new);
    }

    /** The spec's columns of the current result row, starting at JDBC column {@code first}. */
    Row read(ResultSet result, int first) throws SQLException {
        Object[] values = new Object[types.length];
        for (int i = 0; i < types.length; i++) values[i] = JdbcValues.read(result, first + i, types[i]);
        return Row.of(spec.columnNames(), values);
    }
}
