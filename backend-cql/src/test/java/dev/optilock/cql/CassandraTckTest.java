package dev.optilock.cql;

import dev.optilock.StoreOptions;
import dev.optilock.VersionedStore;
import dev.optilock.tck.OptilockTck;

/** The whole TCK on a real Cassandra 5.0 in a fresh keyspace; report: target/optilock-tck/cassandra.json. */
class CassandraTckTest extends OptilockTck {
    private final String keyspace = TestCassandra.server().freshKeyspaceName("tck");

    @Override
    protected VersionedStore openStore(StoreOptions options) {
        return TestCassandra.store(keyspace, options);
    }

    @Override
    protected String backendName() {
        return "cassandra";
    }
}
