package dev.optilock.benchmarks;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

/**
 * The CQL floor: the raw driver, one prepared {@code UPDATE bench_raw SET payload = ?, version = ? WHERE id = ?
 * IF version = ?} (a lightweight transaction) at Optilock's default consistency levels (LOCAL_QUORUM, serial SERIAL),
 * {@code wasApplied()} checked.
 */
final class RawLwtImpl implements Impl {
    private final CqlSession session;
    private final String keyspace;
    private final PreparedStatement update;

    RawLwtImpl(CqlSession session, String keyspace) {
        this.session = session;
        this.keyspace = keyspace;
        this.update = session.prepare(SimpleStatement.newInstance("UPDATE " + keyspace
                        + ".bench_raw SET payload = ?, version = ? WHERE id = ? IF version = ?")
                .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)
                .setSerialConsistencyLevel(ConsistencyLevel.SERIAL));
    }

    @Override
    public String name() {
        return "raw-lwt";
    }

    @Override
    public Worker worker(int thread, int rowsPerThread) {
        long first = (long) thread * rowsPerThread;
        long[] versions = new long[rowsPerThread];
        for (int i = 0; i < rowsPerThread; i++) {
            Row row = session.execute(SimpleStatement.newInstance("SELECT version FROM " + keyspace + ".bench_raw WHERE id = ?",
                    first + i).setConsistencyLevel(ConsistencyLevel.SERIAL)).one();
            if (row == null) throw new IllegalStateException("no row " + (first + i) + " in bench_raw");
            versions[i] = row.getLong(0);
        }
        return new Worker() {
            private long sequence;

            @Override
            public void update() {
                int index = (int) (sequence % rowsPerThread);
                long version = versions[index];
                ResultSet result = session.execute(update.bind(Payloads.get(sequence++), version + 1, first + index, version));
                if (!result.wasApplied()) {
                    throw new IllegalStateException("conflict on bench_raw " + (first + index) + " at version " + version);
                }
                versions[index] = version + 1;
            }
        };
    }
}
