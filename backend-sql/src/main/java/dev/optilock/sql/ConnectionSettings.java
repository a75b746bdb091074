package dev.optilock.sql;

import dev.optilock.StoreOptions;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings of a store opened by URL: the URL handed to the driver (without Optilock's own parameters), the
 * pool size, the timeout, the schema, the driver properties, and where the server is (for messages; never the
 * password).
 *
 * <p>Optilock's parameters, in the URL or as {@link StoreOptions} properties (names are case-insensitive):
 * {@code poolSize} (default 10), {@code timeout} (default 30s; {@code 500ms}, {@code 5s}, {@code 2m} or ISO-8601
 * such as {@code PT5S}) and {@code schema} (default: the connection's schema). {@link StoreOptions#poolSize()} and
 * {@link StoreOptions#timeout()} win over properties, which win over the URL. Other properties go to the driver.
 */
record ConnectionSettings(SqlFlavor flavor, String driverUrl, Optional<String> username, Optional<String> password,
        int poolSize, Duration timeout, String schema, Map<String, String> driverProperties, String location) {

    static final int DEFAULT_POOL_SIZE = 10;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final String POOL_SIZE = "poolSize";
    static final String TIMEOUT = "timeout";
    static final String SCHEMA = "schema";

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)");
    private static final int POSTGRES_PORT = 5432;
    private static final int H2_PORT = 9092;

    static ConnectionSettings parse(SqlFlavor flavor, String url, StoreOptions options) {
        Map<String, String> ours = new LinkedHashMap<>();
        String driverUrl;
        String location;
        if (flavor == SqlFlavor.POSTGRESQL) {
            String prefix = "jdbc:postgresql:";
            if (!url.startsWith(prefix)) throw malformed(url, "it does not start with " + prefix);
            int question = url.indexOf('?');
            String base = question < 0 ? url : url.substring(0, question);
            StringBuilder kept = new StringBuilder();
            if (question >= 0) {
                for (String pair : url.substring(question + 1).split("&")) {
                    if (pair.isEmpty()) continue;
                    int equals = pair.indexOf('=');
                    String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                    if (isOurs(name)) {
                        if (equals < 0) throw malformed(url, "parameter " + name + " has no value");
                        ours.put(canonical(name), decode(pair.substring(equals + 1)));
                    } else {
                        kept.append(kept.length() == 0 ? '?' : '&').append(pair);
                    }
                }
            }
            driverUrl = base + kept;
            location = postgresLocation(base.substring(prefix.length()));
        } else {
            String prefix = "jdbc:h2:";
            if (!url.startsWith(prefix)) throw malformed(url, "it does not start with " + prefix);
            String[] parts = url.split(";", -1);
            StringBuilder kept = new StringBuilder(parts[0]);
            for (int i = 1; i < parts.length; i++) {
                String setting = parts[i];
                if (setting.isEmpty()) continue;
                int equals = setting.indexOf('=');
                String name = (equals < 0 ? setting : setting.substring(0, equals)).trim();
                if (isOurs(name)) {
                    if (equals < 0) throw malformed(url, "setting " + name + " has no value");
                    ours.put(canonical(name), setting.substring(equals + 1).trim());
                } else {
                    kept.append(';').append(setting);
                }
            }
            driverUrl = kept.toString();
            location = h2Location(parts[0].substring(prefix.length()));
        }
        Map<String, String> driverProperties = new LinkedHashMap<>();
        options.properties().forEach((name, value) -> {
            if (isOurs(name)) {
                ours.put(canonical(name), value);
            } else {
                driverProperties.put(name, value);
            }
        });
        int poolSize = options.poolSize().orElseGet(() -> ours.containsKey(POOL_SIZE) ? parsePoolSize(ours.get(POOL_SIZE))
                : DEFAULT_POOL_SIZE);
        Duration timeout = options.timeout().orElseGet(() -> ours.containsKey(TIMEOUT) ? parseTimeout(ours.get(TIMEOUT))
                : DEFAULT_TIMEOUT);
        String schema = schema(ours.get(SCHEMA));
        return new ConnectionSettings(flavor, driverUrl, options.username(), options.password(), poolSize, timeout, schema,
                Map.copyOf(driverProperties), location);
    }

    /** The timeout and schema of a store on a caller's {@code DataSource}: properties only, there is no URL. */
    static Duration timeoutOf(StoreOptions options) {
        return options.timeout().orElseGet(() -> property(options, TIMEOUT).map(ConnectionSettings::parseTimeout)
                .orElse(DEFAULT_TIMEOUT));
    }

    static String schemaOf(StoreOptions options) {
        return schema(property(options, SCHEMA).orElse(null));
    }

    /** Whether the driver URL or the driver properties set {@code name} (case-insensitively). */
    boolean driverSets(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (driverUrl.toLowerCase(Locale.ROOT).matches(".*[?&;]" + Pattern.quote(lower) + "=.*")) return true;
        return driverProperties.keySet().stream().anyMatch(key -> key.equalsIgnoreCase(name));
    }

    @Override
    public String toString() {
        return "ConnectionSettings[" + location + ", poolSize=" + poolSize + ", timeout=" + timeout
                + (schema == null ? "" : ", schema=" + schema) + "]";
    }

    private static Optional<String> property(StoreOptions options, String name) {
        return options.properties().entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst();
    }

    private static boolean isOurs(String name) {
        return name.equalsIgnoreCase(POOL_SIZE) || name.equalsIgnoreCase(TIMEOUT) || name.equalsIgnoreCase(SCHEMA);
    }

    private static String canonical(String name) {
        if (name.equalsIgnoreCase(POOL_SIZE)) return POOL_SIZE;
        if (name.equalsIgnoreCase(TIMEOUT)) return TIMEOUT;
        return SCHEMA;
    }

    private static int parsePoolSize(String value) {
        try {
            int size = Integer.parseInt(value.trim());
            if (size >= 1) return size;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("option poolSize must be a whole number of at least 1, was '" + value + "'");
    }

    static Duration parseTimeout(String value) {
        String text = value.trim();
        Duration timeout = null;
        Matcher matcher = DURATION.matcher(text);
        try {
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                timeout = switch (matcher.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    default -> Duration.ofMinutes(amount);
                };
            } else if (text.regionMatches(true, 0, "PT", 0, 2)) {
                timeout = Duration.parse(text);
            }
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException ignored) {
            timeout = null;
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("option timeout must be a positive duration such as 500ms, 5s, 2m or PT5S, was '"
                    + value + "'");
        }
        return timeout;
    }

    private static String schema(String value) {
        if (value == null) return null;
        String schema = value.trim();
        if (schema.isEmpty() || schema.indexOf('"') >= 0 || schema.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("option schema must be a schema name, was '" + value + "'");
        }
        return schema;
    }

    /** {@code PostgreSQL at HOST:PORT (database NAME)} from the part after {@code jdbc:postgresql:}. */
    private static String postgresLocation(String rest) {
        String host = "localhost";
        int port = POSTGRES_PORT;
        String database = rest.startsWith("/") && !rest.startsWith("//") ? rest.substring(1) : rest;
        String others = "";
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            String[] hosts = (slash < 0 ? rest.substring(2) : rest.substring(2, slash)).split(",");
            database = slash < 0 ? "" : rest.substring(slash + 1);
            String first = hosts[0];
            int colon = first.lastIndexOf(':');
            if (colon >= 0 && first.indexOf(']', colon) < 0) {
                port = parsePort(first.substring(colon + 1), POSTGRES_PORT);
                first = first.substring(0, colon);
            }
            if (!first.isEmpty()) host = first;
            if (hosts.length > 1) others = " and " + (hosts.length - 1) + " other host(s)";
        }
        return "PostgreSQL at " + host + ":" + port + others + (database.isEmpty() ? "" : " (database " + database + ")");
    }

    /** {@code H2 at HOST:PORT (database PATH)} or {@code H2 in-process database PATH}. */
    private static String h2Location(String rest) {
        for (String remote : new String[] {"tcp://", "ssl://"}) {
            if (rest.startsWith(remote)) {
                String after = rest.substring(remote.length());
                int slash = after.indexOf('/');
                String hostPort = slash < 0 ? after : after.substring(0, slash);
                int colon = hostPort.lastIndexOf(':');
                String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
                int port = colon < 0 ? H2_PORT : parsePort(hostPort.substring(colon + 1), H2_PORT);
                return "H2 at " + host + ":" + port + (slash < 0 ? "" : " (database " + after.substring(slash + 1) + ")");
            }
        }
        return "H2 in-process database " + rest;
    }

    private static int parsePort(String text, int fallback) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException malformed(String url, String why) {
        return new IllegalArgumentException("url is malformed: " + why + " (" + redactUrl(url) + ")");
    }

    /** The URL with password parameters and user information hidden. */
    static String redactUrl(String url) {
        return url.replaceAll("(?i)(password|pwd)=[^&;]*", "$1=REDACTED").replaceAll("//[^/@]*:[^/@]*@", "//REDACTED@");
    }
}
