package dev.optilock.benchmarks;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import dev.optilock.testservers.CassandraCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster scenarios: Optilock's CQL backend and the raw driver's LWT on a 3-node Cassandra cluster (embedded, on
 * 127.0.0.1-3, from the test-servers module) with a keyspace at replication factor 3, so that every LWT needs a Paxos
 * quorum of two replicas: the uncontended update ({@code cluster-update-1t}, {@code -8t}) and a hot key
 * ({@link ClusterHotKeyScenario}), where Paxos contention gives real unknown outcomes. The embedded cluster is started
 * for these scenarios and stopped after them; {@code OPTILOCK_TEST_CASSANDRA_CLUSTER_CONTACT_POINTS} names an existing
 * one instead.
 */
final class ClusterScenarios {
    static final String GROUP = "cluster";
    private static final String ENVIRONMENT = "OPTILOCK_TEST_CASSANDRA_CLUSTER_CONTACT_POINTS";
    private static final String WHERE = "3-node Cassandra 5.0 cluster, replication factor 3, one CqlSession";

    private ClusterScenarios() {
    }

    static List<ScenarioResult> skipped(String reason) {
        List<ScenarioResult> scenarios = new ArrayList<>();
        for (int threads : new int[] {1, CqlScenarios.MAX_THREADS}) {
            scenarios.add(ScenarioResult.skipped(GROUP + "-update-" + threads + "t", CqlScenarios.description(threads, WHERE),
                    reason));
        }
        scenarios.add(ScenarioResult.skipped(ClusterHotKeyScenario.NAME, ClusterHotKeyScenario.description(), reason));
        return scenarios;
    }

    static List<ScenarioResult> run(Config config, List<String> versions) throws Exception {
        String reason = CqlScenarios.unavailable();
        if (reason != null) return skipped(reason);
        boolean embedded = System.getenv(ENVIRONMENT) == null;
        CassandraCluster cluster = embedded ? CassandraCluster.startEmbedded(CassandraCluster.DEFAULT_NODES)
                : CassandraCluster.shared();
        try {
            if (cluster.size() < 3) {
                return skipped("the cluster has " + cluster.size() + " nodes; these scenarios need 3 (replication factor 3)");
            }
            CountingTracker tracker = new CountingTracker();
            List<ScenarioResult> scenarios = new ArrayList<>();
            try (CqlSession session = session(cluster, tracker)) {
                versions.add("Cassandra " + session.execute("SELECT release_version FROM system.local").one().getString(0)
                        + " cluster of " + cluster.size() + " nodes (" + cluster.source() + ")");
                scenarios.addAll(CqlScenarios.updates(config, GROUP + "-update-", WHERE, session,
                        cluster.freshKeyspaceName("bench_cluster_"), 3, tracker));
                scenarios.add(ClusterHotKeyScenario.run(config, session, cluster.freshKeyspaceName("bench_hot_")));
            }
            return scenarios;
        } finally {
            if (embedded) cluster.close();
        }
    }

    /** A session as Optilock's own provider builds one for a cluster: native protocol v4, quick reconnection. */
    private static CqlSession session(CassandraCluster cluster, CountingTracker tracker) {
        return CqlSession.builder().addContactPoints(cluster.contactPoints()).withLocalDatacenter(cluster.localDatacenter())
                .withRequestTracker(tracker)
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(5))
                        .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(250))
                        .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(2))
                        .withString(DefaultDriverOption.PROTOCOL_VERSION, "V4")
                        .build())
                .build();
    }
}
