package dev.optilock.sql;

import com.zaxxer.hikari.pool.ProxyConnection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Prepared statements of one backend kept open on the database connections they were prepared on, so that a call
 * of a shape met before binds a statement instead of preparing one: with pgjdbc and a pool, preparing and closing a
 * statement per call costs more client work and memory than binding and running it.
 *
 * <p>Statements are kept per physical connection, and only on connections a HikariCP pool hands out directly (the
 * backend's own pool, or a caller's {@code HikariDataSource}) whose delegate is the driver's connection, in auto-commit
 * mode (in a transaction, HikariCP tracks the statements run to roll back a connection returned uncommitted). Behind any
 * other wrapper (a data source or driver that traces or logs statements, a framework's connection proxy) a statement
 * is prepared per run through that wrapper, as plain JDBC does, so that the wrapper sees every statement; so is a
 * statement past the slots ({@link Execution} runs both kinds).
 *
 * <p>They are kept per {@link PreparedSql} (each has a slot; the first {@value #SLOTS} a backend renders). A run takes
 * its statement out of the slot and puts it back when it ends, so that two threads using one connection at once (a
 * data source that shares a connection) never bind one statement together: the second prepares its own. A statement
 * whose run failed is closed, never put back.
 *
 * <p>The cache never touches a connection's transaction: keeping a statement open is independent of it. Closing the
 * cache (with the backend) closes the statements it holds; those of connections that closed meanwhile went with them.
 */
final class StatementCache implements AutoCloseable {
    static final int SLOTS = 256;

    /** The driver's connection type, or null when the driver is not on the class path: nothing is cached. */
    private final Class<?> driverConnection;
    /**
     * The last class of physical connection found to be the driver's: the next connection of that class is accepted
     * by comparing classes. {@code driverConnection} is an interface, and a JVM answers an {@code isInstance} on an
     * interface from a one-entry cache per class, which every other interface checked on that class replaces (a pool
     * checks {@code Connection} on it for each {@code unwrap}): asked on every write, it costs a search and a shared
     * write each time.
     */
    private volatile Class<?> accepted;
    private final AtomicInteger slots = new AtomicInteger();
    private final Map<Object, Statements> byConnection = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** @param driverConnection the name of the driver's connection class or interface; null keeps nothing */
    StatementCache(String driverConnection) {
        this.driverConnection = driverConnection == null ? null : load(driverConnection);
    }

    /** A new slot for a statement text of this backend; -1 past {@link #SLOTS} (its statements are not kept). */
    int newSlot() {
        int slot = slots.getAndIncrement();
        return slot < SLOTS ? slot : -1;
    }

    /**
     * The kept statements of the physical connection behind {@code connection}, or null when they are not kept (an
     * unknown driver or wrapper, a transaction, a closed cache).
     *
     * @param autoCommit whether {@code connection} is in auto-commit mode, as its caller read it for this operation
     *     (pgjdbc checks its socket to answer, under a lock on JDK 17: one reading per operation is enough)
     */
    Statements statementsOf(Connection connection, boolean autoCommit) {
        // Only a HikariCP connection whose own delegate is the driver's: statements prepared behind any other wrapper
        // (one that traces or logs statements, a framework's proxy) would bypass it.
        // And only in auto-commit mode: inside a transaction the pool must see each statement, to roll back what a
        // connection returned without a commit has done.
        if (driverConnection == null || closed || !autoCommit || !(connection instanceof ProxyConnection)) return null;
        Connection physical;
        try {
            physical = connection.unwrap(Connection.class);
        } catch (SQLException | RuntimeException notWrapped) {
            return null;
        }
        if (!isDriverConnection(physical)) return null;
        Statements statements = byConnection.get(physical);
        if (statements != null) return statements;
        forgetClosedConnections();
        return byConnection.computeIfAbsent(physical, ignored -> new Statements(physical, this));
    }

    private boolean isDriverConnection(Connection physical) {
        if (physical == null) return false;
        Class<?> type = physical.getClass();
        if (type == accepted) return true;
        if (!driverConnection.isInstance(physical)) return false;
        accepted = type;
        return true;
    }

    /** Closes the statements in the slots; statements taken out are closed when they come back. */
    @Override
    public void close() {
        closed = true;
        for (Statements statements : byConnection.values()) statements.closeAll();
        byConnection.clear();
    }

    /** The connections whose statements are kept, for the {@link StatementWatchdog} to look at their runs. */
    Iterable<Statements> connections() {
        return byConnection.values();
    }

    /** How many statements are kept (in their slots, not taken out); for tests. */
    int kept() {
        int kept = 0;
        for (Statements statements : byConnection.values()) kept += statements.count();
        return kept;
    }

    private void forgetClosedConnections() {
        for (Iterator<Statements> it = byConnection.values().iterator(); it.hasNext(); ) {
            Statements statements = it.next();
            if (isClosed(statements.connection)) it.remove();
        }
    }

    private static boolean isClosed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, StatementCache.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError absent) {
            return null;
        }
    }

    /**
     * The kept statements of one physical connection, one slot per statement text, and the run on it that the
     * {@link StatementWatchdog} watches (a connection runs one statement at a time, so one field serves it without a
     * shared queue; a second run at once on a shared connection is watched in the watchdog's queue).
     */
    static final class Statements {
        private final Connection connection;
        private final StatementCache cache;
        private final AtomicReferenceArray<PreparedStatement> slots = new AtomicReferenceArray<>(SLOTS);
        /**
         * The connection's run, restarted for each statement once the previous one ended, and watched here by the
         * watchdog; null before the first.
         */
        private final AtomicReference<Execution> run = new AtomicReference<>();

        Statements(Connection connection, StatementCache cache) {
            this.connection = connection;
            this.cache = cache;
        }

        /** The physical connection: statements kept are prepared on it, so that the pool does not track them. */
        Connection connection() {
            return connection;
        }

        /** The statement kept in {@code slot}, taken out of it; null when there is none. */
        PreparedStatement take(int slot) {
            PreparedStatement statement = slots.getAndSet(slot, null);
            if (statement == null) return null;
            try {
                if (!statement.isClosed()) return statement;
            } catch (SQLException closed) {
                // treated as closed
            }
            return null;
        }

        /** Whether the statement went back into its slot (false: the slot is taken, or the cache closed). */
        boolean putBack(int slot, PreparedStatement statement) {
            if (cache.closed || !slots.compareAndSet(slot, null, statement)) return false;
            if (cache.closed && slots.compareAndSet(slot, statement, null)) return false;
            return true;
        }

        /**
         * A run of {@code statement}, kept in {@code slot}: the connection's run restarted, or a new one when that is
         * still running (a second run at once on a shared connection).
         */
        Execution run(PreparedStatement statement, int slot, long deadline) {
            Execution current = run.get();
            if (current != null && current.restart(statement, slot, deadline)) return current;
            Execution started = new Execution(statement, this, slot, deadline);
            if (current == null) run.compareAndSet(null, started);
            return started;
        }

        /** Whether {@code execution} is watched here: it is the connection's run (any other goes to the watchdog's queue). */
        boolean watches(Execution execution) {
            return run.get() == execution;
        }

        /** The run watched here: running, or ended (the last one), or null. */
        Execution watched() {
            return run.get();
        }

        void closeAll() {
            for (int i = 0; i < SLOTS; i++) {
                PreparedStatement statement = slots.getAndSet(i, null);
                if (statement == null) continue;
                try {
                    statement.close();
                } catch (SQLException | RuntimeException ignored) {
                    // the connection is gone, and the statement with it
                }
            }
        }

        int count() {
            int count = 0;
            for (int i = 0; i < SLOTS; i++) {
                if (slots.get(i) != null) count++;
            }
            return count;
        }
    }
}
