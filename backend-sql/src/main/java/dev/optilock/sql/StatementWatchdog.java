package dev.optilock.sql;

import java.sql.Statement;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Cancels the statements of one backend that run longer than its timeout: one daemon thread looks over the running
 * statements a few times a second and calls {@link Statement#cancel()} on those past their deadline, so that a hung
 * statement fails (PostgreSQL: {@code 57014}, which the backend reports as an unknown outcome for a write) instead of
 * holding its caller. JDBC's {@link Statement#setQueryTimeout} does the same per statement, and pgjdbc implements it
 * with a timer task scheduled and cancelled around every execution: on the write path that costs more than the
 * statement's own client-side work.
 *
 * <p>A run ({@link Execution}) is watched from {@link #watch} until the watchdog sees it ended: a run of a kept statement
 * in its connection's {@link StatementCache.Statements} (no allocation and no shared queue per run), any other in a
 * queue. Deadlines are kept to within one look ({@link #period}). The thread starts with the first statement, ends after a while without any and when the
 * backend closes; cancelling runs on it, so one slow cancel request delays the others.
 */
final class StatementWatchdog implements AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Without a running statement for this long, the thread ends (the next statement starts another). */
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final long timeoutNanos;
    private final long periodNanos;
    private final String name;
    /** The connections whose runs are watched in place. */
    private final StatementCache connections;
    /** The runs not watched by their connection. */
    private final ConcurrentLinkedQueue<Execution> running = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean looking = new AtomicBoolean();
    private volatile boolean closed;

    /**
     * @param name names the thread, with the backend it serves
     * @param connections the cache whose connections' runs {@link #watch} watches in place
     */
    StatementWatchdog(Duration timeout, String name, StatementCache connections) {
        this.timeoutNanos = timeout.toNanos();
        this.periodNanos = period(timeout).toNanos();
        this.name = name;
        this.connections = connections;
    }

    /** How often the thread looks: a quarter of the timeout, between 10 and 250 milliseconds. */
    static Duration period(Duration timeout) {
        return Duration.ofMillis(Math.max(10, Math.min(250, timeout.toMillis() / 4)));
    }

    /** The deadline of a run that starts now (System.nanoTime). */
    long deadline() {
        return System.nanoTime() + timeoutNanos;
    }

    /** Watches {@code execution}, about to run, until it ends; past its deadline it is cancelled. */
    void watch(Execution execution) {
        StatementCache.Statements home = execution.home();
        if (home == null || !home.watches(execution)) running.add(execution);
        if (!looking.get() && !closed && looking.compareAndSet(false, true)) start();
    }

    @Override
    public void close() {
        closed = true;
        running.clear();
    }

    private void start() {
        Thread thread = new Thread(this::look, "optilock-statement-watchdog-" + name + "-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    private void look() {
        long idleSince = System.nanoTime();
        while (!closed) {
            LockSupport.parkNanos(this, periodNanos);
            long now = System.nanoTime();
            if (cancelOverdue(now)) {
                idleSince = now;
            } else if (now - idleSince > IDLE_NANOS) {
                looking.set(false);
                // A statement watched meanwhile may have seen the flag still set: keep looking for it.
                if (!watchesAny() || !looking.compareAndSet(false, true)) return;
            }
        }
        looking.set(false);
    }

    /** Forgets ended runs, cancels overdue ones; whether any run was being watched. */
    private boolean cancelOverdue(long now) {
        boolean any = false;
        for (StatementCache.Statements home : connections.connections()) {
            Execution execution = home.watched();
            if (execution == null || execution.ended()) continue;
            any = true;
            execution.cancelIfOverdue(now);
        }
        for (Iterator<Execution> it = running.iterator(); it.hasNext(); ) {
            Execution execution = it.next();
            any = true;
            if (execution.ended() || execution.cancelIfOverdue(now)) it.remove();
        }
        return any;
    }

    /** Whether a run that has not ended is watched. */
    private boolean watchesAny() {
        if (!running.isEmpty()) return true;
        for (StatementCache.Statements home : connections.connections()) {
            Execution execution = home.watched();
            if (execution != null && !execution.ended()) return true;
        }
        return false;
    }
}
