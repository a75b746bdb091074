package dev.optilock.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * A diagnostic, not a baseline: hand-written JDBC (cached statement, like {@link RawJdbcImpl}) sending the very
 * statement Optilock's PostgreSQL backend sends for an applied {@code updateWithVersion} that sets every column (a plain
 * {@code UPDATE} that also writes the write identity; tombstones are at versions no live row holds, so the version
 * rules them out; the row after it is known, so it returns none), on the rows Optilock writes. The gap between this and {@code raw-jdbc} is the cost of the
 * statement in the server (and of reading its row); the gap between {@code optilock} and this is Optilock's Java-side
 * cost.
 */
final class RawJdbcSameSqlImpl implements Impl {
    static final String UPDATE = "update \"bench_item\" set \"payload\" = ?, \"version\" = ?, \"optilock_write\" = cast(? as uuid)"
            + " where (\"bench_item\".\"id\" = ? and \"bench_item\".\"version\" = ?)";

    private final DataSource pool;
    private final Map<Connection, PreparedStatement> statements = new ConcurrentHashMap<>();

    RawJdbcSameSqlImpl(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public String name() {
        return "raw-jdbc-same-sql";
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
                long id = first + index;
                try (Connection connection = pool.getConnection()) {
                    PreparedStatement update = statement(connection);
                    update.setString(1, Payloads.get(sequence++));
                    update.setLong(2, version + 1);
                    update.setObject(3, new UUID(id, sequence));
                    update.setLong(4, id);
                    update.setLong(5, version);
                    if (update.executeUpdate() != 1) {
                        throw new IllegalStateException("conflict on " + SqlDatabase.ITEM_TABLE + " " + id + " at version " + version);
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
