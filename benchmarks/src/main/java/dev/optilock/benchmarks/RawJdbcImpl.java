package dev.optilock.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The floor: hand-written {@code UPDATE bench_item SET payload = ?, version = ? WHERE id = ? AND version = ?}, one
 * {@code PreparedStatement} per physical connection, prepared once and cached (pgjdbc turns it into a server-side
 * prepared statement after 5 executions). Each update borrows a connection from the same HikariCP pool as the others.
 * An update count other than 1 is a conflict.
 *
 * <p>{@link #control} is the same code again, an implementation of its own on the same rows: {@code
 * raw-jdbc-control/raw-jdbc} compares two identical implementations, so its distance from 1 is what that run cannot tell
 * apart between any two of them.
 */
final class RawJdbcImpl implements Impl {
    private final DataSource pool;
    private static final String UPDATE = "UPDATE " + SqlDatabase.ITEM_TABLE
            + " SET payload = ?, version = ? WHERE id = ? AND version = ?";

    private final String name;
    private final Map<Connection, PreparedStatement> statements = new ConcurrentHashMap<>();

    RawJdbcImpl(DataSource pool) {
        this(pool, "raw-jdbc");
    }

    private RawJdbcImpl(DataSource pool, String name) {
        this.pool = pool;
        this.name = name;
    }

    /** {@code raw-jdbc-control}: the floor again, the same code on the same rows, as an implementation of its own. */
    static RawJdbcImpl control(DataSource pool) {
        return new RawJdbcImpl(pool, "raw-jdbc-control");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Worker worker(int thread, int rowsPerThread) throws SQLException {
        long first = (long) thread * rowsPerThread;
        long[] versions = new long[rowsPerThread];
        return new Worker() {
            private long sequence;

            @Override
            public void prepare() throws SQLException {
                SqlDatabase.readVersions(pool, first, versions);
            }

            @Override
            public void update() throws SQLException {
                int index = (int) (sequence % rowsPerThread);
                long version = versions[index];
                try (Connection connection = pool.getConnection()) {
                    PreparedStatement update = statement(connection);
                    update.setString(1, Payloads.get(sequence++));
                    update.setLong(2, version + 1);
                    update.setLong(3, first + index);
                    update.setLong(4, version);
                    if (update.executeUpdate() != 1) {
                        throw new IllegalStateException("conflict on " + SqlDatabase.ITEM_TABLE + " " + (first + index) + " at version " + version);
                    }
                }
                versions[index] = version + 1;
            }
        };
    }

    private PreparedStatement statement(Connection pooled) throws SQLException {
        Connection physical = pooled.unwrap(Connection.class);
        PreparedStatement statement = statements.get(physical);
        if (statement == null || statement.isClosed()) {
            statement = physical.prepareStatement(UPDATE);
            statements.put(physical, statement);
        }
        return statement;
    }

    @Override
    public void close() {
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // the connection is gone with its pool
            }
        }
    }
}
