package dev.optilock.examples;

import dev.optilock.ProviderInfo;
import dev.optilock.StoreOptions;
import dev.optilock.VersionedStores;
import dev.optilock.testservers.CassandraCluster;
import dev.optilock.testservers.CassandraServer;
import dev.optilock.testservers.PostgresServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Resolves {@code --backend} and {@code --url} to a {@link Target}, starting an embedded server when needed. Embedded
 * servers (PostgreSQL via zonky, Cassandra in a forked JVM) come from optilock-test-servers, which stops them with a
 * JVM shutdown hook: on normal exit and on Ctrl-C (SIGINT/SIGTERM) alike.
 */
public final class Targets {
    /** The embedded backends, in the order {@code --all} runs them. */
    public static final List<String> EMBEDDED = List.of("memory", "h2", "postgres", "cassandra");
    /** The embedded 3-node Cassandra cluster: heavier than the others (three JVMs), so not part of {@code --all}. */
    public static final String CLUSTER = "cassandra-cluster";

    private Targets() {
    }

    /** Whether the backend's provider is on the class path. */
    public static boolean available(String backend) {
        String prefix = urlPrefix(backend);
        for (ProviderInfo provider : VersionedStores.providers()) {
            if (provider.urlForms().stream().anyMatch(form -> form.startsWith(prefix))) return true;
        }
        return false;
    }

    /** The artifacts that bring a backend. */
    public static String artifact(String backend) {
        return switch (backend) {
            case "postgres" -> "dev.optilock:optilock-backend-sql (with org.postgresql:postgresql)";
            case "h2" -> "dev.optilock:optilock-backend-sql (with com.h2database:h2)";
            case "cassandra", "cassandra-cluster" -> "dev.optilock:optilock-backend-cql";
            case "memory" -> "dev.optilock:optilock-api";
            default -> throw new UsageException(unknown(backend));
        };
    }

    /** Fails with a message naming the missing artifact unless the backend's provider is on the class path. */
    public static void requireAvailable(String backend) {
        if (!available(backend)) {
            String found = VersionedStores.providers().stream().map(ProviderInfo::name).collect(Collectors.joining(", "));
            throw new UsageException("--backend " + backend + " is not available in this build: its provider, from "
                    + artifact(backend) + ", is not on the class path (providers found: " + found + "). "
                    + "Build the examples with that backend, or pick another: --backend " + String.join("|", availableEmbedded()));
        }
    }

    /** The embedded backends whose providers are on the class path. */
    public static List<String> availableEmbedded() {
        return EMBEDDED.stream().filter(Targets::available).toList();
    }

    /**
     * A fresh namespace on an embedded (or environment-provided) server; starts the server on first use.
     *
     * @param purpose a lower-case word for names, such as {@code race} or {@code serve}
     */
    public static Target embedded(String backend, String purpose) {
        String name = purpose + "_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        return switch (backend) {
            case "memory" -> {
                requireAvailable(backend);
                yield new Target("memory", "optilock:mem:" + name, StoreOptions.defaults(),
                        "in-memory reference backend (optilock:mem)", true);
            }
            case "h2" -> {
                requireAvailable(backend);
                yield new Target("h2", "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", StoreOptions.defaults(),
                        "H2 in-memory database, in this JVM", true);
            }
            case "postgres" -> {
                requireAvailable(backend);
                PostgresServer server = startPostgres();
                String url = server.jdbcUrlForFreshSchema(purpose + "_");
                yield new Target("postgres", url,
                        StoreOptions.builder().username(server.username()).password(server.password()).build(),
                        "PostgreSQL (" + server.source() + (server.source().equals("embedded") ? ", PostgreSQL 17, stopped on exit" : "")
                                + "), fresh schema " + url.substring(url.lastIndexOf('=') + 1), true);
            }
            case "cassandra" -> {
                requireAvailable(backend);
                CassandraServer server = startCassandra();
                String keyspace = server.freshKeyspaceName(purpose + "_");
                InetSocketAddress contact = server.contactPoints().get(0);
                String host = contact.getHostString().contains(":") ? "[" + contact.getHostString() + "]" : contact.getHostString();
                String url = "cql://" + host + ":" + contact.getPort() + "/" + keyspace + "?localDatacenter=" + server.localDatacenter();
                yield new Target("cassandra", url, StoreOptions.defaults(),
                        "Cassandra (" + server.source() + (server.source().equals("embedded") ? ", Cassandra 5.0 in a child JVM, stopped on exit" : "")
                                + "), fresh keyspace " + keyspace, true);
            }
            case "cassandra-cluster" -> {
                requireAvailable(backend);
                CassandraCluster cluster = CassandraCluster.shared();
                String keyspace = cluster.freshKeyspaceName(purpose + "_");
                yield new Target("cassandra-cluster", cluster.cqlUrl(keyspace), StoreOptions.builder().timeout(Duration.ofSeconds(5)).build(),
                        "Cassandra cluster (" + cluster.source() + (cluster.controlsNodes() ? ", " + cluster.size()
                                + " nodes of Cassandra 5.0 in child JVMs on 127.0.0.1-" + cluster.size() + ", stopped on exit" : "")
                                + "), fresh keyspace " + keyspace + " at replication factor " + Math.min(3, cluster.size()), true);
            }
            default -> throw new UsageException(unknown(backend));
        };
    }

    /** An existing database given by URL; credentials from the flags or OPTILOCK_USER / OPTILOCK_PASSWORD. */
    public static Target fromUrl(String url, String user, String password) {
        String id = idOf(url);
        StoreOptions.Builder options = StoreOptions.builder();
        String effectiveUser = user != null ? user : env("OPTILOCK_USER");
        String effectivePassword = password != null ? password : env("OPTILOCK_PASSWORD");
        if (effectiveUser != null) options.username(effectiveUser);
        if (effectivePassword != null) options.password(effectivePassword);
        requireAvailable(id);
        return new Target(id, url, options.build(), "existing database at " + Target.hidePassword(url), false);
    }

    /** The backend id of a URL. */
    public static String idOf(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) return "postgres";
        if (lower.startsWith("jdbc:h2:")) return "h2";
        if (lower.startsWith("cql://")) return "cassandra";
        if (lower.startsWith("optilock:mem:")) return "memory";
        throw new UsageException("--url '" + url + "' is not a URL the examples know: use jdbc:postgresql://HOST:PORT/DB, "
                + "jdbc:h2:mem:NAME;DB_CLOSE_DELAY=-1, cql://HOST:PORT/KEYSPACE?localDatacenter=DC or optilock:mem:NAME");
    }

    static String env(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String urlPrefix(String backend) {
        return switch (backend) {
            case "postgres" -> "jdbc:postgresql:";
            case "h2" -> "jdbc:h2:";
            case "cassandra", "cassandra-cluster" -> "cql://";
            case "memory" -> "optilock:mem:";
            default -> throw new UsageException(unknown(backend));
        };
    }

    private static String unknown(String backend) {
        return "unknown backend '" + backend + "': use " + String.join(", ", EMBEDDED) + ", cassandra-cluster (or --url for an existing database)";
    }

    private static PostgresServer startPostgres() {
        try {
            return PostgresServer.shared();
        } catch (RuntimeException failed) {
            throw new UsageException("cannot start the embedded PostgreSQL (" + rootMessage(failed) + "); try --backend h2, "
                    + "or point OPTILOCK_TEST_POSTGRES_URL (or --url) at a running server", failed);
        }
    }

    private static CassandraServer startCassandra() {
        try {
            return CassandraServer.shared();
        } catch (RuntimeException failed) {
            throw new UsageException("cannot start the embedded Cassandra (" + rootMessage(failed) + "); set "
                    + "OPTILOCK_TEST_CASSANDRA_CONTACT_POINTS (or --url cql://...) to use a running server", failed);
        }
    }

    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return root == failure ? String.valueOf(failure.getMessage()) : failure.getMessage() + ": " + root.getMessage();
    }
}
