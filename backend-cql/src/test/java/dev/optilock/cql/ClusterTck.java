package dev.optilock.cql;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import dev.optilock.StoreOptions;
import dev.optilock.VersionedStore;
import dev.optilock.tck.OptilockTck;
import dev.optilock.testservers.CassandraCluster;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;

/**
 * The whole TCK on the embedded 3-node cluster ({@link CassandraCluster#shared()}), keyspace at replication factor 3:
 * every LWT needs a Paxos quorum of two replicas, so contention and faults give real unknown outcomes. Each subclass
 * runs it in one state of the cluster; one driver session per class, closed after it.
 */
abstract class ClusterTck extends OptilockTck {
    /** Long enough for a paused or dead node's requests to be settled through the other two. */
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(5);

    private final String keyspace = cluster().freshKeyspaceName("tck_cluster");
    private CqlSession session;

    static CassandraCluster cluster() {
        return CassandraCluster.shared();
    }

    @Override
    protected final VersionedStore openStore(StoreOptions options) {
        return openStore(options, STORE_TIMEOUT);
    }

    final VersionedStore openStore(StoreOptions options, Duration timeout) {
        return guarded(CqlStores.fromSession(session(), keyspace, options.mutate().timeout(timeout)
                .property("replication", "SimpleStrategy:" + Math.min(3, cluster().size())).build()));
    }

    /** The store a rule gets; a subclass that stops nodes wraps it (the default returns it as it is). */
    VersionedStore guarded(VersionedStore store) {
        return store;
    }

    private synchronized CqlSession session() {
        if (session == null) {
            CassandraCluster cluster = cluster();
            session = CqlSession.builder().addContactPoints(cluster.contactPoints()).withLocalDatacenter(cluster.localDatacenter())
                    .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
                            .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(250))
                            .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(1))
                            .withString(DefaultDriverOption.PROTOCOL_VERSION, "V4") // as CqlStoreProvider, which says why
                            .build())
                    .build();
        }
        return session;
    }

    @AfterAll
    final void closeSession() {
        if (session != null) session.close();
    }
}
