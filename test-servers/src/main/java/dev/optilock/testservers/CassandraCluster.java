package dev.optilock.testservers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;

/**
 * A Cassandra cluster for tests, one per test JVM ({@link #shared()}), from the first of:
 * <ol>
 *   <li>{@code OPTILOCK_TEST_CASSANDRA_CLUSTER_CONTACT_POINTS} ({@code host:port,host:port,...}; data center from
 *       {@code OPTILOCK_TEST_CASSANDRA_DATACENTER}, default {@code datacenter1}): an existing cluster, left as it is;
 *       its nodes cannot be stopped or paused from here ({@link #controlsNodes()} is false);</li>
 *   <li>otherwise {@value #DEFAULT_NODES} embedded nodes on 127.0.0.1 .. 127.0.0.{@value #DEFAULT_NODES}, each a
 *       forked JVM from {@code cassandra-all} with the same ports on its own loopback address, started one at a time
 *       (a joining node that fails, as one does now and then with "Unable to contact any seeds" on a busy machine,
 *       is started again on a fresh directory, and given longer to gossip with the seed each time:
 *       {@link #JOIN_RING_DELAYS}).</li>
 * </ol>
 * Every embedded node dies with the test JVM, even when that JVM is killed ({@code kill -9}): each child halts when its
 * stdin, a pipe from this JVM, reaches end-of-file. Nodes are numbered from 1; {@link #stop}, {@link #kill},
 * {@link #pause}, {@link #resume} and {@link #restart} act on one of them.
 */
public final class CassandraCluster implements AutoCloseable {
    /** Nodes of the shared cluster: enough for a quorum of 2 that survives one node down. */
    public static final int DEFAULT_NODES = 3;

    private static final Logger LOG = LoggerFactory.getLogger(CassandraCluster.class);
    private static final int MAX_KEYSPACE_NAME_LENGTH = 48;
    /**
     * The ring delay of each attempt to join a node: how long it gossips before it checks that it has heard from the
     * seed. One second was enough here even with six busy loops beside the cluster, and failed three times in a row
     * on a CI machine (its first connection to the seed opened a few milliseconds after the check).
     */
    static final List<Duration> JOIN_RING_DELAYS = List.of(Duration.ofSeconds(3), Duration.ofSeconds(10),
            Duration.ofSeconds(30));
    private static final Duration RING_TIMEOUT = Duration.ofSeconds(90);
    private static final OncePerJvm<CassandraCluster> SHARED = new OncePerJvm<>("the Cassandra test cluster",
            CassandraCluster::startShared);

    private final List<InetSocketAddress> contactPoints;
    private final String localDatacenter;
    private final String source;
    private final List<EmbeddedCassandra> nodes;

    private CassandraCluster(List<InetSocketAddress> contactPoints, String localDatacenter, String source,
            List<EmbeddedCassandra> nodes) {
        this.contactPoints = List.copyOf(contactPoints);
        this.localDatacenter = localDatacenter;
        this.source = source;
        this.nodes = List.copyOf(nodes);
    }

    /** The cluster of this JVM, started on the first call. A failed start is not retried: later calls fail as well. */
    public static CassandraCluster shared() {
        return SHARED.get();
    }

    private static CassandraCluster startShared() {
        String contactPoints = Support.env("OPTILOCK_TEST_CASSANDRA_CLUSTER_CONTACT_POINTS");
        if (contactPoints == null) return startEmbedded(DEFAULT_NODES);
        String datacenter = Support.env("OPTILOCK_TEST_CASSANDRA_DATACENTER");
        CassandraCluster cluster = new CassandraCluster(CassandraServer.parseContactPoints(contactPoints),
                datacenter == null ? EmbeddedCassandra.DATACENTER : datacenter, "environment", List.of());
        LOG.info("Cassandra test cluster from the environment: {}", cluster.contactPoints);
        return cluster;
    }

    /**
     * Starts an embedded cluster of {@code size} nodes (1 to 9) on 127.0.0.1 .. 127.0.0.{@code size}; the caller closes
     * it. The shared cluster is usually what a test wants: three nodes cost about 40 s to start on two cores.
     */
    public static CassandraCluster startEmbedded(int size) {
        if (size < 1 || size > 9) throw new IllegalArgumentException("size must be from 1 to 9, was " + size);
        long startNanos = System.nanoTime();
        List<String> addresses = new ArrayList<>();
        for (int i = 1; i <= size; i++) addresses.add("127.0.0." + i);
        int storagePort = freePortOnEvery(addresses, -1);
        int nativePort = freePortOnEvery(addresses, storagePort);
        List<EmbeddedCassandra> started = new ArrayList<>();
        try {
            for (String address : addresses) {
                started.add(join(address, storagePort, nativePort, addresses.get(0), size > 1));
            }
            CassandraCluster cluster = new CassandraCluster(started.stream().map(EmbeddedCassandra::contactPoint).toList(),
                    EmbeddedCassandra.DATACENTER, "embedded", started);
            cluster.awaitRing();
            LOG.info("Cassandra test cluster ready: {} nodes, contact points {} (startup {})", size, cluster.contactPoints,
                    Support.seconds(System.nanoTime() - startNanos));
            return cluster;
        } catch (RuntimeException | Error e) {
            started.forEach(EmbeddedCassandra::stop);
            throw e;
        }
    }

    public List<InetSocketAddress> contactPoints() {
        return contactPoints;
    }

    /** {@code "datacenter1"} for the embedded cluster. */
    public String localDatacenter() {
        return localDatacenter;
    }

    /** {@code "environment"} or {@code "embedded"}. */
    public String source() {
        return source;
    }

    /** The number of nodes (of contact points, for a cluster from the environment). */
    public int size() {
        return contactPoints.size();
    }

    /** Whether {@link #stop}, {@link #kill}, {@link #pause}, {@link #resume} and {@link #restart} work here. */
    public boolean controlsNodes() {
        return !nodes.isEmpty();
    }

    /**
     * An Optilock URL for {@code keyspace} on this cluster: every contact point, the local data center, and a
     * replication factor of the cluster's size, up to 3.
     */
    public String cqlUrl(String keyspace) {
        String hosts = contactPoints.stream().map(point -> point.getHostString() + ":" + point.getPort())
                .collect(Collectors.joining(","));
        return "cql://" + hosts + "/" + keyspace + "?localDatacenter=" + localDatacenter + "&replication=SimpleStrategy:"
                + Math.min(3, size());
    }

    /** A unique, valid keyspace name: {@code prefix} (lower-cased) followed by 16 random hex digits. */
    public String freshKeyspaceName(String prefix) {
        return Support.uniqueName(prefix, MAX_KEYSPACE_NAME_LENGTH);
    }

    /** Whether node {@code number}'s JVM is running (a paused one counts as running). */
    public boolean isRunning(int number) {
        return node(number).isAlive();
    }

    /** The process id of node {@code number}'s JVM (for tests that look at its state). */
    long pid(int number) {
        return node(number).pid();
    }

    /** Stops node {@code number} gracefully; its data stays for {@link #restart}. */
    public void stop(int number) {
        node(number).stopKeepingData();
    }

    /** Kills node {@code number} at once, as {@code kill -9} does; its data stays for {@link #restart}. */
    public void kill(int number) {
        node(number).kill();
    }

    /**
     * Freezes node {@code number} ({@code SIGSTOP}): it keeps its connections open and answers nothing. Returns once
     * every thread of its JVM has stopped (where {@code /proc} shows it).
     */
    public void pause(int number) {
        node(number).pause();
    }

    /** Lets a paused node run again ({@code SIGCONT}). */
    public void resume(int number) {
        node(number).resume();
    }

    /** Starts a stopped or killed node again on its data and waits until it answers CQL. */
    public void restart(int number) {
        node(number).restart();
    }

    /** Stops every embedded node and deletes its data; a cluster from the environment is left as it is. */
    @Override
    public void close() {
        nodes.forEach(EmbeddedCassandra::stop);
    }

    @Override
    public String toString() {
        return "CassandraCluster[source=" + source + ", contactPoints=" + contactPoints + ", localDatacenter="
                + localDatacenter + "]";
    }

    private EmbeddedCassandra node(int number) {
        if (!controlsNodes()) {
            throw new UnsupportedOperationException("the nodes of a cluster from " + source + " cannot be controlled from here");
        }
        if (number < 1 || number > nodes.size()) {
            throw new IllegalArgumentException("node must be from 1 to " + nodes.size() + ", was " + number);
        }
        return nodes.get(number - 1);
    }

    /** Starts one node; a join that fails is tried again on a fresh directory with a longer ring delay. */
    private static EmbeddedCassandra join(String address, int storagePort, int nativePort, String seed, boolean clusterNode) {
        List<IllegalStateException> failures = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            Duration ringDelay = JOIN_RING_DELAYS.get(attempt - 1);
            try {
                return EmbeddedCassandra.startNode(
                        new EmbeddedCassandra.Node(address, storagePort, nativePort, seed, clusterNode, ringDelay));
            } catch (IllegalStateException e) {
                if (attempt >= JOIN_RING_DELAYS.size()) {
                    failures.forEach(e::addSuppressed); // each earlier attempt's log tail, for the diagnosis
                    throw e;
                }
                failures.add(e);
                LOG.warn("Cassandra node {} failed to start (attempt {} of {}, ring delay {} ms), starting it again with {} ms: {}",
                        address, attempt, JOIN_RING_DELAYS.size(), ringDelay.toMillis(),
                        JOIN_RING_DELAYS.get(attempt).toMillis(), firstLine(e.getMessage()));
            }
        }
    }

    /** Waits until the first node sees every other node as a peer. */
    private void awaitRing() {
        if (size() == 1) return;
        long deadline = System.nanoTime() + RING_TIMEOUT.toNanos();
        try (CqlSession session = CqlSession.builder().addContactPoint(contactPoints.get(0)).withLocalDatacenter(localDatacenter)
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false).build())
                .build()) {
            while (true) {
                int peers = session.execute("SELECT peer FROM system.peers_v2").all().size();
                if (peers >= size() - 1) return;
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("node 1 sees " + peers + " of " + (size() - 1) + " peers after "
                            + RING_TIMEOUT.toSeconds() + " s");
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the ring", e);
        }
    }

    /** A port free on every one of {@code addresses}, other than {@code other}. */
    private static int freePortOnEvery(List<String> addresses, int other) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = Support.freePort();
            if (port != other && addresses.stream().allMatch(address -> bindable(address, port))) return port;
        }
        throw new IllegalStateException("no port is free on every one of " + addresses);
    }

    private static boolean bindable(String address, int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(address))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String firstLine(String text) {
        int newline = text == null ? -1 : text.indexOf('\n');
        return newline < 0 ? String.valueOf(text) : text.substring(0, newline);
    }
}
