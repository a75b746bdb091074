package dev.optilock.cql;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;
import com.datastax.oss.driver.api.core.metadata.Node;
import dev.optilock.BackendException;
import dev.optilock.BackendUnavailableException;
import dev.optilock.StoreOptions;
import dev.optilock.spi.Backend;
import dev.optilock.spi.StoreParameters;
import dev.optilock.spi.StoreUrl;
import dev.optilock.spi.VersionedStoreProvider;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Opens the CQL backend for {@code cql://} URLs (found through {@link java.util.ServiceLoader}, name
 * {@code cassandra}). The store owns the {@code CqlSession} it opens and closes it with the store.
 *
 * <pre>
 * cql://HOST[:PORT][,HOST[:PORT]...]/KEYSPACE[?NAME=VALUE[&amp;NAME=VALUE...]]
 * </pre>
 *
 * <ul>
 *   <li>PORT defaults to 9042; an IPv6 address is written in brackets.</li>
 *   <li>{@code localDatacenter}: the data center the driver sends requests to; default {@code datacenter1}.</li>
 *   <li>{@code consistency}: the consistency of the commit phase of every LWT; default {@code LOCAL_QUORUM}.</li>
 *   <li>{@code serialConsistency}: {@code SERIAL} (default) or {@code LOCAL_SERIAL}; the consistency of the Paxos
 *       phase of every LWT and of every read.</li>
 *   <li>{@code replication}: the replication of the keyspace if {@code createTable} creates it:
 *       {@code SimpleStrategy:N} (default {@code SimpleStrategy:1}) or
 *       {@code NetworkTopologyStrategy:DC=N[,DC=N...]}.</li>
 * </ul>
 *
 * The same names are accepted as {@link StoreOptions#property} values, which override the URL.
 * {@link StoreOptions#username()} and {@link StoreOptions#password()} authenticate (plain text);
 * {@link StoreOptions#timeout()} is the request timeout (default 10 s); {@link StoreOptions#poolSize()} is the
 * number of connections per local node.
 */
public final class CqlStoreProvider implements VersionedStoreProvider {
    /** The local data center when the URL does not name one. */
    public static final String DEFAULT_LOCAL_DATACENTER = "datacenter1";
    /** The request timeout when the options do not give one. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    static final String PREFIX = "cql://";
    static final int DEFAULT_PORT = 9042;
    static final String FORM = "cql://HOST[:PORT][,HOST[:PORT]...]/KEYSPACE[?localDatacenter=DC&consistency=LEVEL"
            + "&serialConsistency=SERIAL|LOCAL_SERIAL&replication=SimpleStrategy:N|NetworkTopologyStrategy:DC=N,...]";

    @Override
    public String name() {
        return "cassandra";
    }

    @Override
    public List<String> urlForms() {
        return List.of(FORM);
    }

    @Override
    public String artifact() {
        return "dev.optilock:optilock-backend-cql";
    }

    @Override
    public boolean supports(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public Backend open(String url, StoreOptions options) {
        StoreOptions effective = options == null ? StoreOptions.defaults() : options;
        StoreUrl parsed = StoreUrl.parse(url, PREFIX);
        String where = parsed.describe(CqlSettings.OPTIONS);
        String keyspace = parsed.path();
        if (keyspace.isEmpty()) throw new IllegalArgumentException(where + ": the keyspace is missing; expected " + FORM);
        if (keyspace.contains("/")) {
            throw new IllegalArgumentException(where + ": the path must be a single keyspace name, was '" + keyspace + "'");
        }
        StoreParameters parameters = StoreParameters.of(parsed, effective, CqlSettings.OPTIONS);
        Duration timeout = effective.timeout().orElse(DEFAULT_TIMEOUT);
        CqlSettings settings = CqlSettings.from(keyspace, parameters, effective.mutate().timeout(timeout).build());
        String datacenter = CqlSettings.localDatacenter(parameters).orElse(DEFAULT_LOCAL_DATACENTER);
        List<InetSocketAddress> contactPoints = new ArrayList<>();
        for (StoreUrl.HostAndPort host : parsed.hosts()) {
            InetSocketAddress address = new InetSocketAddress(host.host(), host.portOr(DEFAULT_PORT));
            if (address.isUnresolved()) {
                throw new BackendUnavailableException("cannot reach Cassandra: host '" + host.host() + "' of " + where
                        + " does not resolve", null);
            }
            contactPoints.add(address);
        }
        ProgrammaticDriverConfigLoaderBuilder config = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, timeout)
                .withString(DefaultDriverOption.REQUEST_CONSISTENCY, settings.consistency().name())
                .withString(DefaultDriverOption.REQUEST_SERIAL_CONSISTENCY, settings.serialConsistency().name())
                .withString(DefaultDriverOption.SESSION_NAME, "optilock")
                // A lost connection comes back within a second or two, not the driver's default of up to a minute:
                // an unknown outcome is settled within the store's timeout only if its node can be reached again.
                .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(250))
                .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(2))
                // Native protocol v4: on a 3-node Cassandra 5.0.6 cluster, v5 framing failed once in every run of the race
                // demo (a DecoderException in the driver's SegmentToFrameDecoder that closed the connection, so every write
                // in flight on it became an unknown outcome); with v4 it never did. Optilock uses nothing of v5.
                .withString(DefaultDriverOption.PROTOCOL_VERSION, "V4");
        effective.poolSize().ifPresent(size -> config.withInt(DefaultDriverOption.CONNECTION_POOL_LOCAL_SIZE, size));
        CqlSessionBuilder builder = CqlSession.builder().addContactPoints(contactPoints).withLocalDatacenter(datacenter)
                .withConfigLoader(config.build());
        if (effective.username().isPresent()) {
            builder.withAuthCredentials(effective.username().get(), effective.password().orElse(""));
        }
        CqlSession session;
        String hosts = parsed.hosts().stream().map(host -> host.host() + ":" + host.portOr(DEFAULT_PORT)).toList().toString();
        try {
            session = builder.build();
        } catch (AllNodesFailedException failure) {
            if (causedByAuthentication(failure)) {
                throw new BackendException("authentication to Cassandra at " + hosts + " failed for user '"
                        + effective.username().orElse("") + "'", failure);
            }
            throw new BackendUnavailableException("cannot reach Cassandra at " + hosts + " (local data center " + datacenter
                    + "): " + failure.getMessage(), failure);
        } catch (RuntimeException failure) {
            throw new BackendUnavailableException("cannot open a session to Cassandra at " + hosts + ": " + failure.getMessage(),
                    failure);
        }
        Set<String> datacenters = new TreeSet<>();
        for (Node node : session.getMetadata().getNodes().values()) {
            if (node.getDatacenter() != null) datacenters.add(node.getDatacenter());
        }
        if (!datacenters.isEmpty() && !datacenters.contains(datacenter)) {
            session.close();
            throw new IllegalArgumentException(where + ": localDatacenter '" + datacenter + "' is not a data center of the cluster;"
                    + " it has " + datacenters);
        }
        return new CqlBackend(session, true, settings);
    }

    private static boolean causedByAuthentication(AllNodesFailedException failure) {
        for (List<Throwable> errors : failure.getAllErrors().values()) {
            for (Throwable error : errors) {
                for (Throwable cause = error; cause != null; cause = cause.getCause()) {
                    if (cause instanceof AuthenticationException) return true;
                }
            }
        }
        return false;
    }
}
