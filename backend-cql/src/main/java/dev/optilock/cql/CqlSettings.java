package dev.optilock.cql;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import dev.optilock.Identifiers;
import dev.optilock.StoreOptions;
import dev.optilock.spi.Option;
import dev.optilock.spi.StoreParameters;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The backend settings every store has, whether it opened its own session or uses the caller's: the
 * keyspace, the consistency levels, the replication of a keyspace it creates, and the request timeout.
 *
 * @param keyspace the keyspace of every table
 * @param consistency the consistency level of the commit phase of every LWT
 * @param serialConsistency the consistency level of the Paxos phase of every LWT and of every read
 * @param replication the CQL replication map used when the keyspace is created
 * @param timeout the per-request timeout, or null to keep the session's
 */
record CqlSettings(String keyspace, ConsistencyLevel consistency, ConsistencyLevel serialConsistency, String replication,
        Duration timeout) {

    static final ConsistencyLevel DEFAULT_CONSISTENCY = DefaultConsistencyLevel.LOCAL_QUORUM;
    static final ConsistencyLevel DEFAULT_SERIAL_CONSISTENCY = DefaultConsistencyLevel.SERIAL;
    static final String DEFAULT_REPLICATION = "SimpleStrategy:1";

    private static final List<DefaultConsistencyLevel> WRITE_LEVELS = List.of(DefaultConsistencyLevel.ONE,
            DefaultConsistencyLevel.TWO, DefaultConsistencyLevel.THREE, DefaultConsistencyLevel.QUORUM,
            DefaultConsistencyLevel.ALL, DefaultConsistencyLevel.LOCAL_QUORUM, DefaultConsistencyLevel.EACH_QUORUM,
            DefaultConsistencyLevel.LOCAL_ONE);
    private static final Pattern DATACENTER = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    static final Option<String> LOCAL_DATACENTER = Option.of("localDatacenter",
            "a data center name (letters, digits, '_', '.', '-')", text -> DATACENTER.matcher(text).matches() ? text : null);
    static final Option<ConsistencyLevel> CONSISTENCY = Option.of("consistency", "one of " + WRITE_LEVELS,
            text -> level(text, WRITE_LEVELS));
    static final Option<ConsistencyLevel> SERIAL_CONSISTENCY = Option.of("serialConsistency", "SERIAL or LOCAL_SERIAL",
            text -> level(text, List.of(DefaultConsistencyLevel.SERIAL, DefaultConsistencyLevel.LOCAL_SERIAL)));
    static final Option<String> REPLICATION = Option.of("replication",
            "SimpleStrategy:N or NetworkTopologyStrategy:DC=N[,DC=N...] with N from 1 to 99", CqlSettings::replicationMap);
    /** Every option the CQL backend reads, from the URL or from {@link StoreOptions#properties()}. */
    static final List<Option<?>> OPTIONS = List.of(LOCAL_DATACENTER, CONSISTENCY, SERIAL_CONSISTENCY, REPLICATION);

    /**
     * Settings from parameters (URL parameters, overridden by {@link StoreOptions#properties()}) and options.
     *
     * @throws IllegalArgumentException naming the parameter if one is unknown or malformed
     */
    static CqlSettings from(String keyspace, StoreParameters parameters, StoreOptions options) {
        parameters.requireOnlyDeclared(" (give credentials with StoreOptions.username and password)");
        try {
            Identifiers.requireValid("keyspace", keyspace);
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException(parameters.where() + ": " + bad.getMessage(), bad);
        }
        return new CqlSettings(keyspace, parameters.get(CONSISTENCY, DEFAULT_CONSISTENCY),
                parameters.get(SERIAL_CONSISTENCY, DEFAULT_SERIAL_CONSISTENCY),
                parameters.get(REPLICATION).orElseGet(() -> replicationMap(DEFAULT_REPLICATION)), options.timeout().orElse(null));
    }

    /** The local data center parameter, if given. */
    static Optional<String> localDatacenter(StoreParameters parameters) {
        return parameters.get(LOCAL_DATACENTER);
    }

    /** The level named by {@code text} (any case), or null when it names none of {@code allowed}. */
    private static ConsistencyLevel level(String text, List<DefaultConsistencyLevel> allowed) {
        DefaultConsistencyLevel level = DefaultConsistencyLevel.valueOf(text.toUpperCase(Locale.ROOT));
        return allowed.contains(level) ? level : null;
    }

    /**
     * Turns {@code SimpleStrategy:N} or {@code NetworkTopologyStrategy:DC=N[,DC=N...]} into a CQL replication map, or
     * null when the text is neither.
     */
    static String replicationMap(String value) {
        int colon = value.indexOf(':');
        if (colon < 0) return null;
        String strategy = value.substring(0, colon).trim();
        String rest = value.substring(colon + 1).trim();
        if (strategy.equals("SimpleStrategy")) {
            return "{'class': 'SimpleStrategy', 'replication_factor': " + factor(rest) + "}";
        }
        if (!strategy.equals("NetworkTopologyStrategy") || rest.isEmpty()) return null;
        StringBuilder map = new StringBuilder("{'class': 'NetworkTopologyStrategy'");
        for (String entry : rest.split(",")) {
            int equals = entry.indexOf('=');
            if (equals <= 0) return null;
            String datacenter = entry.substring(0, equals).trim();
            if (!DATACENTER.matcher(datacenter).matches()) return null;
            map.append(", '").append(datacenter).append("': ").append(factor(entry.substring(equals + 1).trim()));
        }
        return map.append('}').toString();
    }

    /** The replication factor in {@code text}; a {@link NumberFormatException} when it is not from 1 to 99. */
    private static int factor(String text) {
        int factor = Integer.parseInt(text);
        if (factor < 1 || factor > 99) throw new NumberFormatException("replication factor out of range: " + factor);
        return factor;
    }
}
