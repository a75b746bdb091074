package dev.optilock.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * A diagnostic, not a baseline: hand-written JDBC (cached statement, like {@link RawJdbcImpl}) sending the very
 * statement Optilock's PostgreSQL backend sends for {@code updateWithVersion} (a data-modifying CTE that reports the
 * written row, or the current row on a conflict) and reading the row it returns. The gap between this and
 * {@code raw-jdbc} is the cost of the statement's shape in the server; the gap between {@code optilock} and this is
 * Optilock's Java-side cost.
 */
final class RawJdbcSameSqlImpl implements Impl {
    static final String UPDATE = "with \"w$\" as (update \"bench_rawcte\" set \"payload\" = ?, \"version\" = ?"
            + " where (\"bench_rawcte\".\"id\" = ? and \"bench_rawcte\".\"version\" = ?)"
            + " returning \"bench_rawcte\".\"id\", \"bench_rawcte\".\"payload\", \"bench_rawcte\".\"version\")"
            + " (select true, true, \"w$\".\"id\", \"w$\".\"payload\", \"w$\".\"version\" from \"w$\")"
            + " union all (select false, case when \"bench_rawcte\".\"version\" = ? then true else false end,"
            + " \"bench_rawcte\".\"id\", \"bench_rawcte\".\"payload\", \"bench_rawcte\".\"version\" from \"bench_rawcte\""
            + " where (\"bench_rawcte\".\"id\" = ? and not exists (select 1 as \"one\" from \"w$\")))";

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
        long[] versions = SqlDatabase.versions(pool, "bench_rawcte", first, rowsPerThread);
        return new Worker() {
            private long sequence;

            @Override
            public void update() throws SQLException {
                int index = (int) (sequence % rowsPerThread);
                long version = versions[index];
                long id = first + index;
                try (Connection connection = pool.getConnection()) {
                    PreparedStatement update = statement(connection);
                    update.setString(1, Payloads.get(sequence++));
                    update.setLong(2, version + 1);
                    update.setLong(3, id);
                    update.setLong(4, version);
                    update.setLong(5, version);
                    update.setLong(6, id);
                    try (ResultSet result = update.executeQuery()) {
                        if (!result.next() || !result.getBoolean(1)) {
                            throw new IllegalStateException("conflict on bench_rawcte " + id + " at version " + version);
                        }
                        result.getBoolean(2);
                        if (result.getLong(3) != id || result.getString(4) == null || result.getLong(5) != version + 1) {
                            throw new IllegalStateException("unexpected row reported for bench_rawcte " + id);
                        }
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
