package dev.optilock.sql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One run of a bound prepared statement, watched by the {@link StatementWatchdog} until it is closed. Closing it
 * ends the watch (waiting for a cancel the watchdog is sending, so that a cancel never reaches a later run of the
 * same statement), then puts a kept statement back into its {@link StatementCache} slot, or closes the statement:
 * one that is not kept, or whose run failed.
 */
final class Execution implements AutoCloseable {
    private final PreparedStatement statement;
    /** Where the statement is kept, or null when it is closed after this run. */
    private final StatementCache.Statements home;
    private final int slot;
    private final long deadline;
    private volatile boolean ended; // written under this lock, read without it
    private boolean failed;

    Execution(PreparedStatement statement, StatementCache.Statements home, int slot, long deadline) {
        this.statement = statement;
        this.home = home;
        this.slot = slot;
        this.deadline = deadline;
    }

    /** The statement this run binds and runs. */
    PreparedStatement statement() {
        return statement;
    }

    ResultSet executeQuery() throws SQLException {
        try {
            return statement.executeQuery();
        } catch (SQLException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    int executeUpdate() throws SQLException {
        try {
            return statement.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    /** Marks the run failed (binding failed): the statement is closed, not kept. */
    void fail() {
        failed = true;
    }

    /** When the watchdog cancels the run (System.nanoTime). */
    long deadline() {
        return deadline;
    }

    boolean ended() {
        return ended;
    }

    /** Where the statement is kept, or null. */
    StatementCache.Statements home() {
        return home;
    }

    /** Cancels the statement if this run has not ended; called by the watchdog. */
    synchronized void cancel() {
        if (ended) return;
        failed = true;
        try {
            statement.cancel();
        } catch (SQLException | RuntimeException ignored) {
            // Closed meanwhile, or the driver could not send the cancel: the statement ends by itself or by the socket
            // timeout; either way its caller learns of it from its own run.
        }
    }

    @Override
    public void close() throws SQLException {
        boolean discard;
        synchronized (this) {
            ended = true;
            discard = failed;
        }
        if (discard || home == null || !home.putBack(slot, statement)) statement.close();
    }
}
