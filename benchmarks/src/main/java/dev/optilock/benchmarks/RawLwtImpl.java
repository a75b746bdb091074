package dev.optilock.benchmarks;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.util.UUID;

/**
 * The raw driver writing versioned rows with one prepared lightweight transaction at Optilock's default consistency
 * levels (LOCAL_QUORUM, serial SERIAL), {@code wasApplied()} checked: {@link #floor the CQL floor}, and
 * {@link #sameAsOptilock a diagnostic} that sends Optilock's own LWT through the same loop.
 */
final class RawLwtImpl implements Impl {
    /** Binds one write: the new payload and version of row {@code id}, expected at {@code version}. */
    @FunctionalInterface
    private interface Binder {
        BoundStatement bind(PreparedStatement update, String payload, long id, long version, long sequence);
    }

    private final CqlSession session;
    private final String keyspace;
    private final String name;
    private final String table;
    private final PreparedStatement update;
    private final Binder binder;

    private RawLwtImpl(CqlSession session, String keyspace, String name, String table, String updateCql, Binder binder) {
        this.session = session;
        this.keyspace = keyspace;
        this.name = name;
        this.table = table;
        this.binder = binder;
        this.update = session.prepare(SimpleStatement.newInstance(updateCql)
                .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)
                .setSerialConsistencyLevel(ConsistencyLevel.SERIAL));
    }

    /** The CQL floor, {@code raw-lwt}: {@code UPDATE bench_raw SET payload = ?, version = ? WHERE id = ? IF version = ?}. */
    static RawLwtImpl floor(CqlSession session, String keyspace) {
        return new RawLwtImpl(session, keyspace, "raw-lwt", "bench_raw",
                "UPDATE " + keyspace + ".bench_raw SET payload = ?, version = ? WHERE id = ? IF version = ?",
                (update, payload, id, version, sequence) -> update.bind(payload, version + 1, id, version));
    }

    /**
     * A diagnostic, not a baseline, {@code raw-lwt-same-cql}: the very LWT Optilock's CQL backend sends for an applied
     * {@code updateWithVersion} that sets every column (it also writes the write identity; the version rules tombstones
     * out, as they are at versions no live row holds), on a table Optilock created ({@link SameCqlItem}). The gap between this and {@code raw-lwt} is
     * the cost of the statement in the cluster; the gap between {@code optilock} and this is Optilock's client-side cost.
     */
    static RawLwtImpl sameAsOptilock(CqlSession session, String keyspace) {
        return new RawLwtImpl(session, keyspace, "raw-lwt-same-cql", "bench_lwtsame",
                "UPDATE " + keyspace + ".bench_lwtsame SET payload = ?, version = ?, optilock_write = ? WHERE id = ?"
                        + " IF version = ?",
                (update, payload, id, version, sequence) -> update.bind(payload, version + 1, new UUID(id, sequence), id,
                        version));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Worker worker(int thread, int rowsPerThread) {
        long first = (long) thread * rowsPerThread;
        long[] versions = new long[rowsPerThread];
        for (int i = 0; i < rowsPerThread; i++) {
            Row row = session.execute(SimpleStatement.newInstance("SELECT version FROM " + keyspace + "." + table + " WHERE id = ?",
                    first + i).setConsistencyLevel(ConsistencyLevel.SERIAL)).one();
            if (row == null) throw new IllegalStateException("no row " + (first + i) + " in " + table);
            versions[i] = row.getLong(0);
        }
        return new Worker() {
            private long sequence;

            @Override
            public void update() {
                int index = (int) (sequence % rowsPerThread);
                long version = versions[index];
                long id = first + index;
                ResultSet result = session.execute(binder.bind(update, Payloads.get(sequence), id, version, sequence));
                sequence++;
                if (!result.wasApplied()) {
                    throw new IllegalStateException("conflict on " + table + " " + id + " at version " + version);
                }
                versions[index] = version + 1;
            }
        };
    }
}
