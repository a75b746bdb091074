package dev.optilock.sql;

import dev.optilock.spi.WriteOutcome;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Query;
import org.jooq.ResultQuery;
import org.jooq.SelectField;
import org.jooq.impl.DSL;

/**
 * A {@code RETURNING} write (a plain one when the call knows the row after it), and when it changed nothing a probe {@code SELECT false, (guard), columns FROM t WHERE
 * key} that reports the current row and the database's evaluation of the condition on it. An insert whose key is
 * taken fails with a duplicate key and is followed by a read of the row holding it, unless inserts are given to
 * another style.
 */
final class WriteThenProbe implements WriteStyle {
    /** The style of inserts, or null for this one's (a duplicate key error, then a read). */
    private final WriteStyle inserts;

    WriteThenProbe(WriteStyle inserts) {
        this.inserts = inserts;
    }

    @Override
    public Write insert(TableParts table, InsertValuesStepN<?> insert, Condition key, List<Field<Object>> keyFields) {
        if (inserts != null) return inserts.insert(table, insert, key, keyFields);
        return new Write(table.render(insert.returningResult(table.fields())), null);
    }

    @Override
    public Write conditional(TableParts table, ResultQuery<?> write, Condition key, Condition guard) {
        return new Write(table.render(write), probe(table, key, guard));
    }

    @Override
    public boolean sendsUnreportedUpdates() {
        return true;
    }

    @Override
    public Write unreported(TableParts table, Query write, Condition key, Condition guard) {
        return new Write(table.render(write), probe(table, key, guard));
    }

    private static PreparedSql probe(TableParts table, Condition key, Condition guard) {
        List<SelectField<?>> columns = new ArrayList<>();
        columns.add(DSL.inline(false));
        columns.add(WriteStyle.satisfied(guard));
        columns.addAll(table.fields());
        return table.render(table.dsl().select(columns).from(table.table()).where(key));
    }

    @Override
    public WriteOutcome runInsert(Connection connection, boolean autoCommit, Write insert, Arguments arguments, RowReader rows, Executions executions,
            Dialect dialect) throws SQLException {
        if (inserts != null) return inserts.runInsert(connection, autoCommit, insert, arguments, rows, executions, dialect);
        try (Execution execution = executions.start(connection, autoCommit, insert.statement(), arguments);
             ResultSet result = execution.executeQuery()) {
            if (result.next()) return new WriteOutcome.Applied(rows.read(result, 1));
            throw new IllegalStateException(dialect + " reported no row for an insert");
        } catch (SQLException e) {
            if (!dialect.isDuplicateKey(e)) throw e;
            return null;
        }
    }

    @Override
    public WriteOutcome runConditional(Connection connection, boolean autoCommit, Write write, CallValues arguments, RowReader rows, Executions executions,
            WriteOutcome.Applied ifApplied) throws SQLException {
        if (ifApplied != null) {
            try (Execution execution = executions.start(connection, autoCommit, write.statement(), arguments)) {
                if (execution.executeUpdate() > 0) return ifApplied;
            }
        } else {
            try (Execution execution = executions.start(connection, autoCommit, write.statement(), arguments);
                 ResultSet result = execution.executeQuery()) {
                if (result.next()) return new WriteOutcome.Applied(rows.read(result, 1));
            }
        }
        try (Execution execution = executions.start(connection, autoCommit, write.probe(), arguments);
             ResultSet result = execution.executeQuery()) {
            if (!result.next()) return WriteOutcome.NotFound.INSTANCE;
            if (!result.getBoolean(2)) return new WriteOutcome.NotApplied(rows.read(result, 3));
            return null;
        }
    }
}
