package dev.optilock.benchmarks;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.util.UUID;

/**
 * A diagnostic, not a baseline: the raw driver (one prepared statement, like {@link RawLwtImpl}) sending the very LWT
 * Optilock's CQL backend sends for an applied {@code updateWithVersion} that sets every column (it also writes the
 * write identity and checks that the row is not a tombstone), on a table Optilock created ({@link SameCqlItem}). The
 * gap between this and {@code raw-lwt} is the cost of the statement in the cluster; the gap between {@code optilock}
 * and this is Optilock's client-side cost.
 */
final class RawLwtSameCqlImpl implements Impl {
    private final CqlSession session;
    private final String keyspace;
    private final PreparedStatement update;

    RawLwtSameCqlImpl(CqlSession session, String keyspace) {
        this.session = session;
        this.keyspace = keyspace;
        this.update = session.prepare(SimpleStatement.newInstance("UPDATE " + keyspace + ".bench_lwtsame SET payload = ?,"
                        + " version = ?, optilock_write = ? WHERE id = ? IF version = ? AND optilock_deleted = null")
                .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)
                .setSerialConsistencyLevel(ConsistencyLevel.SERIAL));
    }

    @Override
    public String name() {
        return "raw-lwt-same-cql";
    }

    @Override
    public Worker worker(int thread, int rowsPerThread) {
        long first = (long) thread * rowsPerThread;
        long[] versions = new long[rowsPerThread];
        for (int i = 0; i < rowsPerThread; i++) {
            Row row = session.execute(SimpleStatement.newInstance("SELECT version FROM " + keyspace + ".bench_lwtsame WHERE id = ?",
                    first + i).setConsistencyLevel(ConsistencyLevel.SERIAL)).one();
            if (row == null) throw new IllegalStateException("no row " + (first + i) + " in bench_lwtsame");
            versions[i] = row.getLong(0);
        }
        return new Worker() {
            private long sequence;

            @Override
            public void update() {
                int index = (int) (sequence % rowsPerThread);
                long version = versions[index];
                long id = first + index;
                UUID identity = new UUID(id, sequence);
                ResultSet result = session.execute(update.bind(Payloads.get(sequence++), version + 1, identity, id, version));
                if (!result.wasApplied()) {
                    throw new IllegalStateException("conflict on bench_lwtsame " + id + " at version " + version);
                }
                versions[index] = version + 1;
            }
        };
    }
}
