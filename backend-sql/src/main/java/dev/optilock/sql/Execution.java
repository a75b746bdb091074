package dev.optilock.sql;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One run of a bound prepared statement, watched by the {@link StatementWatchdog} until it is closed. Closing it
 * ends the watch (waiting for a cancel the watchdog is sending, so that a cancel never reaches a later run of the
 * same statement), then puts a kept statement back into its {@link StatementCache} slot, or closes the statement:
 * one that is not kept, or whose run failed or was cancelled.
 *
 * <p>The run of a kept statement is its connection's ({@link StatementCache.Statements#run}): one object per
 * connection, {@linkplain #restart restarted} for each run once the previous one ended. Its {@link #state} holds the
 * run's generation and phase: the watchdog cancels only by moving the very generation it found overdue from
 * running to cancelling, so a run restarted meanwhile is never cancelled for its predecessor, and a run's close waits
 * while its cancel is being sent. A run costs its thread two compare-and-sets (its restart and its close), where a
 * lock that both and the watchdog took cost six atomic instructions.
 */
final class Execution implements AutoCloseable {
    private static final long RUNNING = 0;
    private static final long ENDED = 1;
    private static final long CANCELLING = 2;
    private static final long CANCELLED = 3;
    /** Taken by one restart of an ended run, while it sets the next generation's statement and deadline. */
    private static final long STARTING = 4;
    private static final long PHASE = 7;
    /** {@link #state} of the next generation is the current one plus this, in the running phase. */
    private static final long GENERATION = 8;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Execution.class, "state", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Where the statement is kept, or null when it is closed after this run. */
    private final StatementCache.Statements home;
    // Written by the thread that runs the statement before it publishes the generation (restart's release store),
    // and not written again until the generation ended: the watchdog reads them after reading the state.
    private PreparedStatement statement;
    private int slot;
    private long deadline;
    /** Read and written by the thread of the current generation only: its run failed (binding, or the statement itself). */
    private boolean failed;
    /** The generation (above the three low bits) and its phase ({@link #RUNNING} ... {@link #STARTING}). */
    private volatile long state = RUNNING;

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
     * second run on a shared connection: that one needs an execution of its own, as does the loser of two restarts at
     * once).
     */
    boolean restart(PreparedStatement statement, int slot, long deadline) {
        long ended = state;
        if ((ended & PHASE) != ENDED || !STATE.compareAndSet(this, ended, (ended & ~PHASE) | STARTING)) return false;
        this.statement = statement;
        this.slot = slot;
        this.deadline = deadline;
        this.failed = false;
        // The release store publishes the fields above to the watchdog, which reads them after the state.
        STATE.setRelease(this, (ended & ~PHASE) + GENERATION + RUNNING);
        return true;
    }

    boolean ended() {
        return (state & PHASE) == ENDED;
    }

    /** Where the statement is kept, or null. */
    StatementCache.Statements home() {
        return home;
    }

    /**
     * Cancels the statement when this run is running and past its deadline at {@code now} (System.nanoTime); whether
     * it did. Called by the watchdog.
     */
    boolean cancelIfOverdue(long now) {
        long running = state;
        if ((running & PHASE) != RUNNING || now - deadline < 0) return false;
        // Taken only from the generation read above: a run that ended (and perhaps started again) meanwhile is left alone.
        if (!STATE.compareAndSet(this, running, (running & ~PHASE) | CANCELLING)) return false;
        try {
            statement.cancel();
        } catch (SQLException | RuntimeException ignored) {
            // Closed meanwhile, or the driver could not send the cancel: the statement ends by itself or by the socket
            // timeout; either way its caller learns of it from its own run.
        } finally {
            state = (running & ~PHASE) | CANCELLED;
        }
        return true;
    }

    @Override
    public void close() throws SQLException {
        while (true) {
            long current = state;
            long phase = current & PHASE;
            if (phase == ENDED || phase == STARTING) return; // starting: ended, and being restarted by its next user
            if (phase == CANCELLING) { // the watchdog is sending the cancel: it must not reach a later run
                Thread.yield();
                continue;
            }
            // Read before the run ends: once it has, a thread sharing the connection may restart it with its own.
            PreparedStatement ran = statement;
            int ranSlot = slot;
            boolean discard = failed || phase == CANCELLED;
            if (STATE.compareAndSet(this, current, (current & ~PHASE) | ENDED)) {
                if (discard || home == null || !home.putBack(ranSlot, ran)) ran.close();
                return;
            }
        }
    }
}
