package dev.optilock.testservers;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ScyllaDB per test JVM, when one can be had: contact points from {@code OPTILOCK_TEST_SCYLLA_CONTACT_POINTS}
 * (host:port,host:port; data center from {@code OPTILOCK_TEST_SCYLLA_DATACENTER}, default {@code datacenter1}), else
 * Testcontainers' ScyllaDB module when a Docker engine is available. There is no embedded ScyllaDB: without either,
 * {@link #shared()} is empty and {@link #unavailableReason()} says why, so callers skip, never pass.
 */
public final class ScyllaServer {
    private static final Logger LOG = LoggerFactory.getLogger(ScyllaServer.class);
    private static Optional<ScyllaServer> shared;
    private static String unavailableReason;

    private final List<InetSocketAddress> contactPoints;
    private final String localDatacenter;
    private final String source;

    private ScyllaServer(List<InetSocketAddress> contactPoints, String localDatacenter, String source) {
        this.contactPoints = List.copyOf(contactPoints);
        this.localDatacenter = localDatacenter;
        this.source = source;
    }

    /** The server of this JVM, started on first use; empty when none can be had. */
    public static synchronized Optional<ScyllaServer> shared() {
        if (shared == null) {
            String configured = Support.env("OPTILOCK_TEST_SCYLLA_CONTACT_POINTS");
            if (configured != null) {
                List<InetSocketAddress> points = new ArrayList<>();
                for (String point : configured.split(",")) {
                    String trimmed = point.trim();
                    int colon = trimmed.lastIndexOf(':');
                    points.add(colon < 0 ? InetSocketAddress.createUnresolved(trimmed, 9042)
                            : InetSocketAddress.createUnresolved(trimmed.substring(0, colon), Integer.parseInt(trimmed.substring(colon + 1))));
                }
                String datacenter = Support.env("OPTILOCK_TEST_SCYLLA_DATACENTER");
                shared = Optional.of(new ScyllaServer(points, datacenter == null ? "datacenter1" : datacenter, "environment"));
            } else if (Support.dockerAvailable()) {
                Containers.Cassandra container = Containers.startScylla();
                shared = Optional.of(new ScyllaServer(List.of(container.contactPoint()), container.localDatacenter(), "testcontainers"));
            } else {
                unavailableReason = "no ScyllaDB: OPTILOCK_TEST_SCYLLA_CONTACT_POINTS is not set and no Docker engine is available "
                        + "for Testcontainers (there is no embedded ScyllaDB)";
                LOG.warn("ScyllaDB tests skipped: {}", unavailableReason);
                shared = Optional.empty();
            }
        }
        return shared;
    }

    /** Why {@link #shared()} is empty, or null when it is not. */
    public static synchronized String unavailableReason() {
        shared();
        return unavailableReason;
    }

    public List<InetSocketAddress> contactPoints() {
        return contactPoints;
    }

    public String localDatacenter() {
        return localDatacenter;
    }

    /** "environment" or "testcontainers". */
    public String source() {
        return source;
    }

    /** A unique valid keyspace name starting with {@code prefix}. */
    public String freshKeyspaceName(String prefix) {
        return Support.uniqueName(prefix, 48);
    }
}
