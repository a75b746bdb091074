package dev.optilock.cql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.optilock.testservers.CassandraCluster;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@link PreferredCoordinatorPolicy} on the 3-node cluster: every request goes to the preferred node, where the driver's
 * default policy spreads them (the reason rules 5.2 and 5.3 of the paused-node suite use it).
 */
class PreferredCoordinatorPolicyTest {

    @Test
    void should_send_every_request_to_the_preferred_node() {
        CassandraCluster cluster = CassandraCluster.shared();
        assumeTrue(cluster.size() >= 2, "one node: nothing to prefer");
        InetSocketAddress preferred = cluster.contactPoints().get(1);
        assertThat(coordinators(cluster, PreferredCoordinatorPolicy.preferring(DriverConfigLoader.programmaticBuilder(), preferred)))
                .containsExactly(preferred.getAddress().getHostAddress());
    }

    @Test
    void should_spread_requests_over_the_nodes_on_the_default_policy() {
        CassandraCluster cluster = CassandraCluster.shared();
        assumeTrue(cluster.size() >= 2, "one node: nothing to spread");
        assertThat(coordinators(cluster, DriverConfigLoader.programmaticBuilder())).hasSizeGreaterThan(1);
    }

    /** The addresses of the nodes that coordinated 30 reads of {@code system.local}. */
    private static Set<String> coordinators(CassandraCluster cluster, ProgrammaticDriverConfigLoaderBuilder config) {
        Set<String> coordinators = new TreeSet<>();
        try (CqlSession session = CqlSession.builder().addContactPoints(cluster.contactPoints())
                .withLocalDatacenter(cluster.localDatacenter()).withConfigLoader(config.build()).build()) {
            for (int i = 0; i < 30; i++) {
                InetSocketAddress coordinator = (InetSocketAddress) session.execute(
                        SimpleStatement.newInstance("SELECT release_version FROM system.local")).getExecutionInfo()
                        .getCoordinator().getEndPoint().resolve();
                coordinators.add(coordinator.getAddress().getHostAddress());
            }
        }
        return coordinators;
    }
}
