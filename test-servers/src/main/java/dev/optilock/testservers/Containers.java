package dev.optilock.testservers;

import java.net.InetSocketAddress;

import org.testcontainers.cassandra.CassandraContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.scylladb.ScyllaDBContainer;

/**
 * The Testcontainers provisioning, in its own class so that Testcontainers classes are only loaded when a Docker engine
 * is available.
 */
final class Containers {

    static final String POSTGRES_IMAGE = "postgres:17";
    static final String CASSANDRA_IMAGE = "cassandra:5.0";
    static final String SCYLLA_IMAGE = "scylladb/scylla:2025.1";

    private Containers() {
    }

    record Postgres(String jdbcUrl, String username, String password) {
    }

    record Cassandra(InetSocketAddress contactPoint, String localDatacenter) {
    }

    static Postgres startPostgres() {
        PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE);
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "optilock-postgres-container-stop"));
        return new Postgres(container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }

    static Cassandra startCassandra() {
        CassandraContainer container = new CassandraContainer(CASSANDRA_IMAGE);
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "optilock-cassandra-container-stop"));
        return new Cassandra(container.getContactPoint(), container.getLocalDatacenter());
    }

    static Cassandra startScylla() {
        ScyllaDBContainer container = new ScyllaDBContainer(SCYLLA_IMAGE);
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "optilock-scylla-container-stop"));
        return new Cassandra(container.getContactPoint(), "datacenter1");
    }
}
