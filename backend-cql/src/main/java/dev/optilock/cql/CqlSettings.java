package dev.optilock.cql;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import dev.optilock.Identifiers;
import dev.optilock.StoreOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    static final String LOCAL_DATACENTER = "localDatacenter";
    static final String CONSISTENCY = "consistency";
    static final String SERIAL_CONSISTENCY = "serialConsistency";
    static final String REPLICATION = "replication";
    static final List<String> KNOWN = List.of(LOCAL_DATACENTER, CONSISTENCY, SERIAL_CONSISTENCY, REPLICATION);

    static final ConsistencyLevel DEFAULT_CONSISTENCY = DefaultConsistencyLevel.LOCAL_QUORUM;
    static final ConsistencyLevel DEFAULT_SERIAL_CONSISTENCY = DefaultConsistencyLevel.SERIAL;
    static final String DEFAULT_REPLICATION = "SimpleStrategy:1";

    private static final List<DefaultConsistencyLevel> WRITE_LEVELS = List.of(DefaultConsistencyLevel.ONE,
            DefaultConsistencyLevel.TWO, DefaultConsistencyLevel.THREE, DefaultConsistencyLevel.QUORUM,
            DefaultConsistencyLevel.ALL, DefaultConsistencyLevel.LOCAL_QUORUM, DefaultConsistencyLevel.EACH_QUORUM,
            DefaultConsistencyLevel.LOCAL_ONE);
    private static final Pattern DATACENTER = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    /**
     * Settings from parameters (URL parameters, overridden by {@link StoreOptions#properties()}) and options.
     *
     * @param where the start of every error message, e.g. {@code "url 'cql://...'"}
     * @throws IllegalArgumentException naming the parameter if one is unknown or malformed
     */
    static CqlSettings from(String where, String keyspace, Map<String, String> parameters, StoreOptions options) {
        Map<String, String> merged = new LinkedHashMap<>(parameters);
        merged.putAll(options.properties());
        for (String key : merged.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new IllegalArgumentException(where + ": unknown parameter '" + key + "'; known: " + String.join(", ", KNOWN)
                        + (key.toLowerCase(Locale.ROOT).contains("password") || key.toLowerCase(Locale.ROOT).contains("user")
                                ? " (give credentials with StoreOptions.username and password)" : ""));
            }
        }
        try {
            Identifiers.requireValid("keyspace", keyspace);
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException(where + ": " + bad.getMessage(), bad);
        }
        ConsistencyLevel consistency = level(where, CONSISTENCY, merged.get(CONSISTENCY), DEFAULT_CONSISTENCY);
        if (!WRITE_LEVELS.contains(consistency)) {
            throw new IllegalArgumentException(where + ": " + CONSISTENCY + " must be one of " + WRITE_LEVELS + ", was " + consistency);
        }
        ConsistencyLevel serial = level(where, SERIAL_CONSISTENCY, merged.get(SERIAL_CONSISTENCY), DEFAULT_SERIAL_CONSISTENCY);
        if (serial != DefaultConsistencyLevel.SERIAL && serial != DefaultConsistencyLevel.LOCAL_SERIAL) {
            throw new IllegalArgumentException(where + ": " + SERIAL_CONSISTENCY + " must be SERIAL or LOCAL_SERIAL, was " + serial);
        }
        String replication = replicationMap(where, merged.getOrDefault(REPLICATION, DEFAULT_REPLICATION));
        return new CqlSettings(keyspace, consistency, serial, replication, options.timeout().orElse(null));
    }

    /** The local data center parameter, if given. */
    static Optional<String> localDatacenter(String where, Map<String, String> parameters, StoreOptions options) {
        String value = options.property(LOCAL_DATACENTER).orElse(parameters.get(LOCAL_DATACENTER));
        if (value == null) return Optional.empty();
        if (!DATACENTER.matcher(value).matches()) {
            throw new IllegalArgumentException(where + ": " + LOCAL_DATACENTER + " '" + value
                    + "' is not a data center name (letters, digits, '_', '.', '-')");
        }
        return Optional.of(value);
    }

    private static ConsistencyLevel level(String where, String parameter, String value, ConsistencyLevel fallback) {
        if (value == null) return fallback;
        try {
            return DefaultConsistencyLevel.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException(where + ": " + parameter + " '" + value + "' is not a consistency level", unknown);
        }
    }

    /**
     * Turns {@code SimpleStrategy:N} or {@code NetworkTopologyStrategy:DC=N[,DC=N...]} into a CQL replication map.
     */
    static String replicationMap(String where, String value) {
        String problem = where + ": " + REPLICATION + " '" + value
                + "' must be SimpleStrategy:N or NetworkTopologyStrategy:DC=N[,DC=N...] with N from 1 to 99";
        int colon = value.indexOf(':');
        if (colon < 0) throw new IllegalArgumentException(problem);
        String strategy = value.substring(0, colon).trim();
        String rest = value.substring(colon + 1).trim();
        if (strategy.equals("SimpleStrategy")) {
            return "{'class': 'SimpleStrategy', 'replication_factor': " + factor(rest, problem) + "}";
        }
        if (strategy.equals("NetworkTopologyStrategy")) {
            StringBuilder map = new StringBuilder("{'class': 'NetworkTopologyStrategy'");
            if (rest.isEmpty()) throw new IllegalArgumentException(problem);
            for (String entry : rest.split(",")) {
                int equals = entry.indexOf('=');
                if (equals <= 0) throw new IllegalArgumentException(problem);
                String datacenter = entry.substring(0, equals).trim();
                if (!DATACENTER.matcher(datacenter).matches()) throw new IllegalArgumentException(problem);
                map.append(", '").append(datacenter).append("': ").append(factor(entry.substring(equals + 1).trim(), problem));
            }
            return map.append('}').toString();
        }
        throw new IllegalArgumentException(problem);
    }

    private static int factor(String text, String problem) {
        try {
            int factor = Integer.parseInt(text);
            if (factor >= 1 && factor <= 99) return factor;
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException(problem);
    }
}
