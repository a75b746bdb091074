package dev.optilock.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Starts the runs of one backend's statements: takes the statement from the {@link StatementCache} (or prepares
 * one), binds the call's values and has the {@link StatementWatchdog} watch the run. The caller runs it and closes
 * it, in a try-with-resources block.
 */
final class Executions implements AutoCloseable {
    private final StatementCache cache;
    private final StatementWatchdog watchdog;

    Executions(StatementCache cache, StatementWatchdog watchdog) {
        this.cache = cache;
        this.watchdog = watchdog;
    }

    /**
     * A run of {@code sql} on {@code connection}, bound to {@code arguments} and watched.
     *
     * @param autoCommit whether the connection is in auto-commit mode (statements are kept only then)
     */
    Execution start(Connection connection, boolean autoCommit, PreparedSql sql, CallValues arguments) throws SQLException {
        StatementCache.Statements home = cache.statementsOf(connection, autoCommit);
        int slot = home == null ? -1 : sql.slot(cache);
        PreparedStatement statement = slot < 0 ? null : home.take(slot);
        if (statement == null) statement = (slot < 0 ? connection : home.connection()).prepareStatement(sql.sql());
        long deadline = watchdog.deadline();
        Execution execution = slot < 0 ? new Execution(statement, null, slot, deadline) : home.run(statement, slot, deadline);
        try {
            sql.bind(statement, arguments);
        } catch (SQLException | RuntimeException e) {
            execution.fail();
            execution.close();
            throw e;
        }
        watchdog.watch(execution);
        return execution;
    }

    /** Stops the watchdog and closes the statements kept. */
    @Override
    public void close() {
        watchdog.close();
        cache.close();
    }

    /** For tests: how many statements are kept. */
    int kept() {
        return cache.kept();
    }
}
