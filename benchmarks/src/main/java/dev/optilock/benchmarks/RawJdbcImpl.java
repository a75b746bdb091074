package dev.optilock.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The floor: hand-written {@code UPDATE bench_raw SET payload = ?, version = ? WHERE id = ? AND version = ?}, one
 * {@code PreparedStatement} per physical connection, prepared once and cached (pgjdbc turns it into a server-side
 * prepared statement after 5 executions). Each update borrows a connection from the same HikariCP pool as the others.
 * An update count other than 1 is a conflict.
 */
final class RawJdbcImpl implements Impl {
    static final String UPDATE = "UPDATE bench_raw SET payload = ?, version = ? WHERE id = ? AND version = ?";

    private final DataSource pool;
    private final Map<Connection, PreparedStatement> statements = new ConcurrentHashMap<>();

    RawJdbcImpl(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public String name() {
        return "raw-jdbc";
    }

    @Override
    public Worker worker(int thread, int rowsPerThread) throws SQLException {
        long first = (long) thread * rowsPerThread;
        long[] versions = SqlDatabase.versions(pool, "bench_raw", first, rowsPerThread);
        return new Worker() {
            private long sequence;

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
                        throw new IllegalStateException("conflict on bench_raw " + (first + index) + " at version " + version);
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
