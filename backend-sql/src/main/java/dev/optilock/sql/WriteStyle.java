package dev.optilock.sql;

import dev.optilock.spi.WriteOutcome;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Query;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;

/**
 * How a conditional write learns the row it met, which a {@link Dialect} chooses: in the write's own statement
 * ({@link ReportingStatement}: PostgreSQL's data-modifying common table expressions, one round trip always) or with a
 * probe after a write that changed nothing ({@link WriteThenProbe}: one round trip when the write applies, two when it
 * does not; H2's, and PostgreSQL's for updates and deletes, where it measured faster both uncontended and on a hot
 * key). Each style renders its statements (once per shape) and runs
 * them.
 *
 * <p>Result layouts: a {@code RETURNING} write returns the spec's columns; a report (the one statement of
 * {@code ReportingStatement}, the probe of {@code WriteThenProbe}) returns {@code applied, satisfied} followed by the
 * spec's columns, where {@code satisfied} is the database's own evaluation of the condition on the row it reports.
 */
sealed interface WriteStyle permits ReportingStatement, WriteThenProbe {
    WriteStyle REPORTING_STATEMENT = new ReportingStatement();
    WriteStyle WRITE_THEN_PROBE = new WriteThenProbe(null);
    /**
     * Conditional writes as {@link WriteThenProbe}, inserts as {@link ReportingStatement} ({@code ON CONFLICT DO
     * NOTHING}, so that a taken key never raises an error that would abort the caller's transaction): PostgreSQL's.
     */
    WriteStyle PROBE_WITH_REPORTING_INSERTS = new WriteThenProbe(REPORTING_STATEMENT);

    /**
     * The statements of a conditional write: {@code statement}, and for styles that need one, the {@code probe} run
     * when the statement changed nothing.
     */
    record Write(PreparedSql statement, PreparedSql probe) {
    }

    /**
     * The insert of one row unless its key is taken.
     *
     * @param key the key condition, its parameters numbered as in {@code insert}'s values
     */
    Write insert(TableParts table, InsertValuesStepN<?> insert, Condition key, List<Field<Object>> keyFields);

    /** A conditional update or delete, {@code write} being the statement with {@code RETURNING} the spec's columns. */
    Write conditional(TableParts table, ResultQuery<?> write, Condition key, Condition guard);

    /**
     * Whether an update whose caller knows the row after it ({@link dev.optilock.spi.semantics.Assignments#determined})
     * is sent as a statement that returns nothing ({@link #unreported}); false for a style that reports every write in
     * its own statement.
     */
    boolean sendsUnreportedUpdates();

    /** A conditional update whose statement returns no row; only for a style that {@link #sendsUnreportedUpdates()}. */
    Write unreported(TableParts table, Query write, Condition key, Condition guard);

    /**
     * Runs an insert: applied (with the row), not applied (with the row that holds the key), or null when the row
     * holding the key is not visible to this statement and must be read.
     *
     * @param autoCommit whether {@code connection} is in auto-commit mode (read once per operation by its caller)
     */
    WriteOutcome runInsert(Connection connection, boolean autoCommit, Write insert, Arguments arguments, RowReader rows, Executions executions,
            Dialect dialect) throws SQLException;

    /**
     * Runs a conditional update or delete once: applied, not applied (with a row that fails the condition), not
     * found, or null when the write changed nothing although the row it reports satisfies the condition (a concurrent
     * write committed after the statement's snapshot: nothing was applied, run it again).
     *
     * @param autoCommit whether {@code connection} is in auto-commit mode (read once per operation by its caller)
     * @param ifApplied for a write of {@link #unreported}, what to report when it changes a row; else null
     */
    WriteOutcome runConditional(Connection connection, boolean autoCommit, Write write, CallValues arguments, RowReader rows, Executions executions,
            WriteOutcome.Applied ifApplied) throws SQLException;

    /** {@code CASE WHEN guard THEN true ELSE false END}; for an insert (no guard) false, for no condition true. */
    static Field<Boolean> satisfied(Condition guard) {
        if (guard == null) return DSL.inline(false);
        if (guard == DSL.noCondition()) return DSL.inline(true);
        return DSL.when(guard, DSL.inline(true)).otherwise(DSL.inline(false));
    }
}
