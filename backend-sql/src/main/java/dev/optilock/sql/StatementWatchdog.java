package dev.optilock.sql;

import java.sql.SQLException;
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
 * <p>A statement is watched from {@link #watch} until the watchdog sees it closed. Deadlines are kept to within one
 * look ({@link #period}). The thread starts with the first statement, ends after a while without any and when the
 * backend closes; cancelling runs on it, so one slow cancel request delays the others.
 */
final class StatementWatchdog implements AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Without a running statement for this long, the thread ends (the next statement starts another). */
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final long timeoutNanos;
    private final long periodNanos;
    private final String name;
    private final ConcurrentLinkedQueue<Watched> running = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean looking = new AtomicBoolean();
    private volatile boolean closed;

    /** @param name names the thread, with the backend it serves */
    StatementWatchdog(Duration timeout, String name) {
        this.timeoutNanos = timeout.toNanos();
        this.periodNanos = period(timeout).toNanos();
        this.name = name;
    }

    /** How often the thread looks: a quarter of the timeout, between 10 and 250 milliseconds. */
    static Duration period(Duration timeout) {
        return Duration.ofMillis(Math.max(10, Math.min(250, timeout.toMillis() / 4)));
    }

    /** Watches {@code statement}, about to run, until it is closed; past the timeout from now it is cancelled. */
    void watch(Statement statement) {
        running.add(new Watched(statement, System.nanoTime() + timeoutNanos));
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
                if (running.isEmpty() || !looking.compareAndSet(false, true)) return;
            }
        }
        looking.set(false);
    }

    /** Forgets closed statements, cancels overdue ones; whether any statement was running. */
    private boolean cancelOverdue(long now) {
        boolean any = false;
        for (Iterator<Watched> it = running.iterator(); it.hasNext(); ) {
            Watched watched = it.next();
            any = true;
            if (isClosed(watched.statement)) {
                it.remove();
            } else if (now - watched.deadline >= 0) {
                it.remove();
                cancel(watched.statement);
            }
        }
        return any;
    }

    private static boolean isClosed(Statement statement) {
        try {
            return statement.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    private static void cancel(Statement statement) {
        try {
            statement.cancel();
        } catch (SQLException | RuntimeException ignored) {
            // Closed meanwhile, or the driver could not send the cancel: the statement ends by itself or by the socket
            // timeout; either way its caller learns of it from its own execution.
        }
    }

    private record Watched(Statement statement, long deadline) {
    }
}
