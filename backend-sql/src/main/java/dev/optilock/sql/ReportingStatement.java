package dev.optilock.sql;

import dev.optilock.Row;
import dev.optilock.spi.WriteOutcome;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Query;
import org.jooq.ResultQuery;
import org.jooq.SelectField;
import org.jooq.impl.DSL;

/**
 * One statement per write that reports the row it met: {@code WITH w$ AS (write RETURNING columns) SELECT true, true,
 * w$.* FROM w$ UNION ALL SELECT false, (guard), t.* FROM t WHERE key AND NOT EXISTS (SELECT 1 FROM w$)}: the written
 * row, or else the row as the statement's snapshot shows it, with the database's evaluation of the guard on it.
 */
final class ReportingStatement implements WriteStyle {

    @Override
    public Write insert(TableParts table, InsertValuesStepN<?> insert, Condition key, List<Field<Object>> keyFields) {
        return new Write(report(table, insert.onConflict(keyFields).doNothing().returningResult(table.fields()), key, null), null);
    }

    @Override
    public Write conditional(TableParts table, ResultQuery<?> write, Condition key, Condition guard) {
        return new Write(report(table, write, key, guard), null);
    }

    /** No: this style reports every write in its own statement. */
    @Override
    public boolean sendsUnreportedUpdates() {
        return false;
    }

    @Override
    public Write unreported(TableParts table, Query write, Condition key, Condition guard) {
        throw new IllegalStateException("the reporting statement reports every write");
    }

    @Override
    public WriteOutcome runInsert(Connection connection, boolean autoCommit, Write insert, Arguments arguments, RowReader rows, Executions executions,
            Dialect dialect) throws SQLException {
        try (Execution execution = executions.start(connection, autoCommit, insert.statement(), arguments);
             ResultSet result = execution.executeQuery()) {
            if (!result.next()) return null; // the row that took the key was committed after this statement's snapshot
            Row reported = rows.read(result, 3);
            return result.getBoolean(1) ? new WriteOutcome.Applied(reported) : new WriteOutcome.NotApplied(reported);
        }
    }

    @Override
    public WriteOutcome runConditional(Connection connection, boolean autoCommit, Write write, CallValues arguments, RowReader rows, Executions executions,
            WriteOutcome.Applied ifApplied) throws SQLException {
        try (Execution execution = executions.start(connection, autoCommit, write.statement(), arguments);
             ResultSet result = execution.executeQuery()) {
            if (!result.next()) return WriteOutcome.NotFound.INSTANCE;
            Row row = rows.read(result, 3);
            if (result.getBoolean(1)) return new WriteOutcome.Applied(row);
            if (!result.getBoolean(2)) return new WriteOutcome.NotApplied(row);
            return null;
        }
    }

    /** The report statement; a null guard stands for an insert (its {@code satisfied} is false). */
    private static PreparedSql report(TableParts table, ResultQuery<?> write, Condition key, Condition guard) {
        CommonTableExpression<?> written = TableParts.WRITTEN.as(write);
        List<SelectField<?>> writtenColumns = new ArrayList<>();
        writtenColumns.add(DSL.inline(true));
        writtenColumns.add(DSL.inline(true));
        writtenColumns.addAll(table.writtenFields());
        List<SelectField<?>> currentColumns = new ArrayList<>();
        currentColumns.add(DSL.inline(false));
        currentColumns.add(WriteStyle.satisfied(guard));
        currentColumns.addAll(table.fields());
        return table.render(table.dsl().with(written)
                .select(writtenColumns).from(DSL.table(TableParts.WRITTEN))
                .unionAll(DSL.select(currentColumns).from(table.table())
                        .where(key.and(DSL.notExists(DSL.selectOne().from(DSL.table(TableParts.WRITTEN)))))));
    }
}
