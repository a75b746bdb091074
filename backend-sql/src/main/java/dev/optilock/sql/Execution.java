package dev.optilock.sql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One run of a bound prepared statement, watched by the {@link StatementWatchdog} until it is closed. Closing it
 * ends the watch (waiting for a cancel the watchdog is sending, so that a cancel never reaches a later run of the
 * same statement), then puts a kept statement back into its {@link StatementCache} slot, or closes the statement:
 * one that is not kept, or whose run failed.
 *
 * <p>The run of a kept statement is its connection's ({@link StatementCache.Statements#run}): one object per
 * connection, {@linkplain #restart restarted} for each run once the previous one ended. The watchdog decides under
 * the run's lock whether it is overdue, so a run restarted meanwhile is never cancelled for its predecessor.
 */
final class Execution implements AutoCloseable {
    /** Where the statement is kept, or null when it is closed after this run. */
    private final StatementCache.Statements home;
    // Written by the thread that runs the statement, under this lock; read by it, and by the watchdog under the lock.
    private PreparedStatement statement;
    private int slot;
    private long deadline;
    private volatile boolean ended; // written under this lock, read without it
    private boolean failed;

    Execution(PreparedStatement statement, StatementCache.Statements home, int slot, long deadline) {
        this.home = home;
        this.statement = statement;
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

    /**
     * Starts this ended run again with another statement of the same connection; false when it has not ended (a
     * second run on a shared connection: that one needs an execution of its own).
     */
    synchronized boolean restart(PreparedStatement statement, int slot, long deadline) {
        if (!ended) return false;
        this.statement = statement;
        this.slot = slot;
        this.deadline = deadline;
        this.failed = false;
        this.ended = false;
        return true;
    }

    boolean ended() {
        return ended;
    }

    /** Where the statement is kept, or null. */
    StatementCache.Statements home() {
        return home;
    }

    /**
     * Cancels the statement when this run has not ended, has not failed, and is past its deadline at {@code now}
     * (System.nanoTime); whether it did. Called by the watchdog.
     */
    synchronized boolean cancelIfOverdue(long now) {
        if (ended || failed || now - deadline < 0) return false; // failed: cancelled already, or ending by itself
        failed = true;
        try {
            statement.cancel();
        } catch (SQLException | RuntimeException ignored) {
            // Closed meanwhile, or the driver could not send the cancel: the statement ends by itself or by the socket
            // timeout; either way its caller learns of it from its own run.
        }
        return true;
    }

    @Override
    public void close() throws SQLException {
        boolean discard;
        PreparedStatement ran;
        int ranSlot;
        synchronized (this) {
            if (ended) return;
            ended = true;
            discard = failed;
            ran = statement;
            ranSlot = slot;
        }
        if (discard || home == null || !home.putBack(ranSlot, ran)) ran.close();
    }
}
