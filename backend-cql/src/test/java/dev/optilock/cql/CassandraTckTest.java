package dev.optilock.cql;

import dev.optilock.StoreOptions;
import dev.optilock.VersionedStore;
import dev.optilock.tck.OptilockTck;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The whole TCK on a real Cassandra 5.0 in a fresh keyspace; report: target/optilock-tck/cassandra.json. Rules 5.2
 * and 5.3 run on {@link NodePausingStore}: the embedded server itself is paused for 1.5 s out of every 2.5 s while the
 * store's requests time out after 0.5 s, so that writes in flight lose their responses and complete, or not, after the
 * resume (skipped for a server from the environment, which cannot be paused).
 */
class CassandraTckTest extends OptilockTck {
    private final String keyspace = TestCassandra.server().freshKeyspaceName("tck");

    @Override
    protected VersionedStore openStore(StoreOptions options) {
        return TestCassandra.store(keyspace, options);
    }

    @Override
    public VersionedStore openStoreWithLostResponses() {
        if (!TestCassandra.server().source().equals("embedded")) return null;
        VersionedStore store = TestCassandra.store(keyspace, StoreOptions.builder().timeout(Duration.ofMillis(500)).build());
        return new NodePausingStore(store, TestCassandra.server()::pause, TestCassandra.server()::resume, "the-server",
                new ReentrantLock());
    }

    @Override
    protected String backendName() {
        return "cassandra";
    }
}
