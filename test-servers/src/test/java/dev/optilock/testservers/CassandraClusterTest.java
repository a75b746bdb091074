package dev.optilock.testservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;

/** The embedded 3-node cluster: it forms a ring, replicates at RF 3, and survives one node killed, stopped or paused. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CassandraClusterTest {
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static CassandraCluster cluster;
    private static CqlSession session;
    private static String keyspace;

    @BeforeAll
    static void connect() {
        cluster = CassandraCluster.shared();
        session = CqlSession.builder().addContactPoints(cluster.contactPoints()).withLocalDatacenter(cluster.localDatacenter())
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
                        .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(250))
                        .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(1))
                        .build())
                .build();
        keyspace = cluster.freshKeyspaceName("cluster");
        session.execute("CREATE KEYSPACE " + keyspace + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': "
                + Math.min(3, cluster.size()) + "}");
        session.execute("CREATE TABLE " + keyspace + ".kv (k text PRIMARY KEY, v int)");
    }

    @AfterAll
    static void close() {
        if (session != null) session.close();
    }

    @Test
    @Order(1)
    void should_form_a_ring_of_three_nodes_on_their_own_loopback_addresses() {
        assertThat(cluster.size()).isEqualTo(CassandraCluster.DEFAULT_NODES);
        assertThat(session.getMetadata().getNodes().values()).hasSize(cluster.size())
                .allSatisfy(node -> assertThat(node.getState()).isEqualTo(NodeState.UP));
        if (cluster.controlsNodes()) {
            assertThat(cluster.contactPoints()).extracting(point -> point.getHostString())
                    .containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3");
        }
        assertThat(cluster.cqlUrl("ks")).startsWith("cql://").endsWith("/ks?localDatacenter=datacenter1&replication=SimpleStrategy:3");
    }

    @Test
    @Order(2)
    void should_apply_a_lightweight_transaction_through_every_node() {
        for (Node node : session.getMetadata().getNodes().values()) {
            String key = "via-" + node.getEndPoint();
            assertThat(session.execute(lwt(key).setNode(node)).wasApplied()).as("LWT coordinated by %s", node).isTrue();
            assertThat(session.execute(lwt(key).setNode(node)).wasApplied()).as("the second insert of %s", key).isFalse();
        }
    }

    @Test
    @Order(3)
    void should_keep_a_quorum_with_one_node_killed_and_take_it_back_after_a_restart() {
        assumeTrue(cluster.controlsNodes(), "the nodes of a cluster from the environment are not controlled here");
        cluster.kill(3);
        try {
            assertThat(cluster.isRunning(3)).isFalse();
            assertThat(eventuallyApplied()).as("an LWT applies with nodes 1 and 2").isTrue();
        } finally {
            cluster.restart(3);
        }
        assertThat(cluster.isRunning(3)).isTrue();
        assertThat(appliedThrough("127.0.0.3")).as("an LWT coordinated by the restarted node").isTrue();
    }

    @Test
    @Order(4)
    void should_keep_a_quorum_with_one_node_stopped_and_restart_it() {
        assumeTrue(cluster.controlsNodes(), "the nodes of a cluster from the environment are not controlled here");
        cluster.stop(2);
        try {
            assertThat(cluster.isRunning(2)).isFalse();
            assertThat(eventuallyApplied()).as("an LWT applies with nodes 1 and 3").isTrue();
            assertThatThrownBy(() -> cluster.pause(2)).isInstanceOf(IllegalStateException.class);
        } finally {
            cluster.restart(2);
        }
        assertThat(appliedThrough("127.0.0.2")).as("an LWT coordinated by the restarted node").isTrue();
    }

    @Test
    @Order(5)
    void should_keep_a_quorum_with_one_node_paused_and_answer_again_once_resumed() {
        assumeTrue(cluster.controlsNodes(), "the nodes of a cluster from the environment are not controlled here");
        cluster.pause(2);
        try {
            assertThat(cluster.isRunning(2)).as("a paused node's JVM is still there").isTrue();
            assertThat(eventuallyApplied()).as("an LWT applies while node 2 is frozen").isTrue();
        } finally {
            cluster.resume(2);
        }
        assertThat(appliedThrough("127.0.0.2")).as("an LWT coordinated by the resumed node").isTrue();
    }

    @Test
    @Order(6)
    void should_pause_and_resume_a_node_for_a_caller_that_is_interrupted_and_keep_its_interrupt() throws Exception {
        assumeTrue(cluster.controlsNodes(), "the nodes of a cluster from the environment are not controlled here");
        Path status = Path.of("/proc", Long.toString(cluster.pid(2)), "stat");
        assumeTrue(Files.exists(status), "needs /proc to see a process's state");
        Thread.currentThread().interrupt(); // a test stopping its pauser interrupts it, perhaps while it signals
        try {
            cluster.pause(2);
            assertThat(Thread.interrupted()).as("the caller's interrupt is kept").isTrue();
            assertThat(ProcessState.of(status)).as("node 2 is stopped (SIGSTOP landed)").isEqualTo('T');
        } finally {
            Thread.currentThread().interrupt();
            cluster.resume(2);
            assertThat(Thread.interrupted()).as("the caller's interrupt is kept").isTrue();
        }
        assertThat(ProcessState.of(status)).as("node 2 runs again (SIGCONT landed)").isNotEqualTo('T');
        assertThat(appliedThrough("127.0.0.2")).as("an LWT coordinated by the resumed node").isTrue();
    }

    @Test
    @Order(7)
    void should_name_the_node_it_cannot_control() {
        assumeTrue(cluster.controlsNodes(), "the nodes of a cluster from the environment are not controlled here");
        assertThatThrownBy(() -> cluster.kill(4)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from 1 to 3");
        assertThatThrownBy(() -> cluster.restart(1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("is running");
    }

    private static SimpleStatement lwt(String key) {
        return SimpleStatement.newInstance("INSERT INTO " + keyspace + ".kv (k, v) VALUES (?, 1) IF NOT EXISTS", key)
                .setSerialConsistencyLevel(ConsistencyLevel.SERIAL).setConsistencyLevel(ConsistencyLevel.QUORUM);
    }

    /** Whether an insert of a fresh key applies within {@link #PATIENCE} (an attempt that times out is not counted). */
    private static boolean eventuallyApplied() {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() - deadline < 0) {
            try {
                if (session.execute(lwt("k-" + UUID.randomUUID())).wasApplied()) return true;
            } catch (RuntimeException unavailableOrTimedOut) {
                // the driver has not yet seen the node go down, or Paxos timed out: try a fresh key
            }
        }
        return false;
    }

    /** Whether a fresh insert coordinated by the node at {@code address} applies within {@link #PATIENCE}. */
    private static boolean appliedThrough(String address) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String last = "no attempt";
        while (System.nanoTime() - deadline < 0) {
            Node node = session.getMetadata().getNodes().values().stream()
                    .filter(candidate -> candidate.getEndPoint().toString().contains(address)).findFirst().orElseThrow();
            last = "state " + node.getState() + ", open connections " + node.getOpenConnections();
            if (node.getState() == NodeState.UP) {
                try {
                    if (session.execute(lwt("k-" + UUID.randomUUID()).setNode(node)).wasApplied()) return true;
                } catch (RuntimeException notYet) {
                    last += ", " + notYet;
                }
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        System.err.println("no LWT through " + address + " within " + PATIENCE + ": " + last);
        return false;
    }
}
