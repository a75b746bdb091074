package dev.optilock.cql;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;
import dev.optilock.StoreOptions;
import dev.optilock.VersionedStore;
import dev.optilock.tck.OptilockTck;
import dev.optilock.testservers.CassandraCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
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
    private final List<CqlSession> coordinatedSessions = new ArrayList<>();

    static CassandraCluster cluster() {
        return CassandraCluster.shared();
    }

    @Override
    protected final VersionedStore openStore(StoreOptions options) {
        return openStore(options, STORE_TIMEOUT);
    }

    final VersionedStore openStore(StoreOptions options, Duration timeout) {
        return guarded(CqlStores.fromSession(session(), keyspace, storeOptions(options, timeout)));
    }

    /**
     * A store like {@link #openStore(StoreOptions, Duration)}'s on a session of its own that sends every request to
     * node {@code node} first (see {@link PreferredCoordinatorPolicy}); the session is closed with the class's.
     */
    final VersionedStore openStoreCoordinatedBy(int node, StoreOptions options, Duration timeout) {
        CqlSession coordinated = newSession(config -> PreferredCoordinatorPolicy.preferring(config,
                cluster().contactPoints().get(node - 1)));
        synchronized (this) {
            coordinatedSessions.add(coordinated);
        }
        return guarded(CqlStores.fromSession(coordinated, keyspace, storeOptions(options, timeout)));
    }

    private StoreOptions storeOptions(StoreOptions options, Duration timeout) {
        return options.mutate().timeout(timeout).property("replication", "SimpleStrategy:" + Math.min(3, cluster().size()))
                .build();
    }

    /**
     * A cluster loses responses by itself: under Paxos contention a coordinator answers that an LWT's outcome is unknown
     * (CAS write timeouts), and a paused node holds the writes it coordinates. On the hot row of rules 2.1 and 2.8 the
     * row can then move past the 32 states of its history before the write is settled: seen with node 2 paused (from
     * version 66 to 108 while the write waited, a local run on 2026-12-08) and on the healthy cluster (101 to 136, a CI
     * run the same day). The store then honestly reports the outcome unknown.
     */
    @Override
    protected final boolean losesResponses() {
        return true;
    }

    /** The store a rule gets; a subclass that stops nodes wraps it (the default returns it as it is). */
    VersionedStore guarded(VersionedStore store) {
        return store;
    }

    private synchronized CqlSession session() {
        if (session == null) session = newSession(UnaryOperator.identity());
        return session;
    }

    private static CqlSession newSession(UnaryOperator<ProgrammaticDriverConfigLoaderBuilder> customization) {
        CassandraCluster cluster = cluster();
        ProgrammaticDriverConfigLoaderBuilder config = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
                .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(250))
                .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(1))
                .withString(DefaultDriverOption.PROTOCOL_VERSION, "V4"); // as CqlStoreProvider, which says why
        return CqlSession.builder().addContactPoints(cluster.contactPoints()).withLocalDatacenter(cluster.localDatacenter())
                .withConfigLoader(customization.apply(config).build()).build();
    }

    @AfterAll
    final synchronized void closeSessions() {
        coordinatedSessions.forEach(CqlSession::close);
        if (session != null) session.close();
    }
}
