package dev.optilock.testservers;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Cassandra server for tests: one per JVM, started lazily on the first {@link #shared()} call (thread-safe).
 *
 * <p>Provisioning, first match wins:
 * <ol>
 *   <li>{@code environment}: {@code OPTILOCK_TEST_CASSANDRA_CONTACT_POINTS} ({@code host:port,host:port}; port default
 *       9042) and {@code OPTILOCK_TEST_CASSANDRA_DATACENTER} (default {@code datacenter1});</li>
 *   <li>{@code testcontainers}: a {@code cassandra:5.0} container, when Testcontainers finds a Docker engine;</li>
 *   <li>{@code embedded}: Cassandra 5.0 (cassandra-all) in a forked child JVM on 127.0.0.1, data center
 *       {@code datacenter1}. The child halts when this JVM dies, even by {@code kill -9}.</li>
 * </ol>
 * Servers started here are stopped by a JVM shutdown hook.
 */
public final class CassandraServer {

    private static final Logger LOG = LoggerFactory.getLogger(CassandraServer.class);
    private static final int MAX_KEYSPACE_NAME_LENGTH = 48;
    private static final int DEFAULT_CQL_PORT = 9042;

    private static final OncePerJvm<CassandraServer> SHARED = new OncePerJvm<>("Cassandra test server", CassandraServer::start);

    private final List<InetSocketAddress> contactPoints;
    private final String localDatacenter;
    private final String source;
    private final EmbeddedCassandra embedded;

    private CassandraServer(List<InetSocketAddress> contactPoints, String localDatacenter, String source,
                            EmbeddedCassandra embedded) {
        this.contactPoints = List.copyOf(contactPoints);
        this.localDatacenter = localDatacenter;
        this.source = source;
        this.embedded = embedded;
    }

    /** The server of this JVM, started on the first call. A failed start is not retried: later calls fail as well. */
    public static CassandraServer shared() {
        return SHARED.get();
    }

    public List<InetSocketAddress> contactPoints() {
        return contactPoints;
    }

    /** {@code "datacenter1"} for the embedded server. */
    public String localDatacenter() {
        return localDatacenter;
    }

    /** {@code "environment"}, {@code "testcontainers"} or {@code "embedded"}. */
    public String source() {
        return source;
    }

    /**
     * A unique, valid keyspace name: {@code prefix} (lower-cased) followed by 16 random hex digits. Creating the keyspace
     * is the caller's job.
     *
     * @param prefix starts with a letter, then letters, digits or {@code _}; at most 32 characters
     */
    public String freshKeyspaceName(String prefix) {
        return Support.uniqueName(prefix, MAX_KEYSPACE_NAME_LENGTH);
    }

    /**
     * The OS process id of the embedded server's JVM, e.g. to suspend it with SIGSTOP and resume it with SIGCONT.
     *
     * @throws UnsupportedOperationException unless {@link #source()} is {@code "embedded"}
     */
    public long processId() {
        return embedded("processId()").pid();
    }

    /**
     * Freezes the embedded server's JVM ({@code SIGSTOP}): it keeps its connections open and answers nothing until
     * {@link #resume()}.
     *
     * @throws UnsupportedOperationException unless {@link #source()} is {@code "embedded"}
     */
    public void pause() {
        embedded("pause()").pause();
    }

    /** Lets the paused embedded server run again ({@code SIGCONT}); see {@link #pause()}. */
    public void resume() {
        embedded("resume()").resume();
    }

    private EmbeddedCassandra embedded(String method) {
        if (embedded == null) {
            throw new UnsupportedOperationException(method + " is only available for the embedded server; this one's source is " + source);
        }
        return embedded;
    }

    @Override
    public String toString() {
        return "CassandraServer[source=" + source + ", contactPoints=" + contactPoints + ", localDatacenter="
                + localDatacenter + "]";
    }

    private static CassandraServer start() {
        long startNanos = System.nanoTime();
        CassandraServer server;
        String contactPoints = Support.env("OPTILOCK_TEST_CASSANDRA_CONTACT_POINTS");
        if (contactPoints != null) {
            String datacenter = Support.env("OPTILOCK_TEST_CASSANDRA_DATACENTER");
            server = new CassandraServer(parseContactPoints(contactPoints),
                    datacenter == null ? EmbeddedCassandra.DATACENTER : datacenter, "environment", null);
        } else if (Support.dockerAvailable()) {
            Containers.Cassandra container = Containers.startCassandra();
            server = new CassandraServer(List.of(container.contactPoint()), container.localDatacenter(),
                    "testcontainers", null);
        } else {
            EmbeddedCassandra embedded = EmbeddedCassandra.start();
            server = new CassandraServer(List.of(embedded.contactPoint()), EmbeddedCassandra.DATACENTER, "embedded",
                    embedded);
        }
        LOG.info("Cassandra test server ready: source={}, contactPoints={}, localDatacenter={} (startup {})",
                server.source, server.contactPoints, server.localDatacenter,
                Support.seconds(System.nanoTime() - startNanos));
        return server;
    }

    /** Parses {@code host:port,host,[::1]:port}; the port defaults to 9042. */
    static List<InetSocketAddress> parseContactPoints(String spec) {
        List<InetSocketAddress> result = new ArrayList<>();
        for (String raw : spec.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            String host = entry;
            int port = DEFAULT_CQL_PORT;
            if (entry.startsWith("[")) { // [IPv6]:port
                int close = entry.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("bad contact point '" + entry + "'");
                }
                host = entry.substring(1, close);
                if (close + 1 < entry.length()) {
                    if (entry.charAt(close + 1) != ':') {
                        throw new IllegalArgumentException("bad contact point '" + entry + "'");
                    }
                    port = parsePort(entry, entry.substring(close + 2));
                }
            } else if (entry.indexOf(':') >= 0 && entry.indexOf(':') == entry.lastIndexOf(':')) {
                int colon = entry.indexOf(':');
                host = entry.substring(0, colon);
                port = parsePort(entry, entry.substring(colon + 1));
            }
            result.add(new InetSocketAddress(host, port));
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException("no contact point in '" + spec + "'");
        }
        return result;
    }

    private static int parsePort(String entry, String port) {
        try {
            int value = Integer.parseInt(port.trim());
            if (value < 1 || value > 65535) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in contact point '" + entry + "'", e);
        }
    }
}
