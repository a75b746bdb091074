package dev.optilock.sql;

import dev.optilock.StoreOptions;
import dev.optilock.spi.Option;
import dev.optilock.spi.Redaction;
import dev.optilock.spi.StoreParameters;
import dev.optilock.spi.StoreUrl;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
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
 * such as {@code PT5S}), {@code schema} (default: the connection's schema) and {@code writeStatement}
 * ({@code reporting} or {@code probe}, see {@link #writeStatementOf(StoreOptions)}; default: the dialect's). {@link StoreOptions#poolSize()} and
 * {@link StoreOptions#timeout()} win over properties, which win over the URL. Other properties go to the driver.
 */
record ConnectionSettings(Dialect dialect, String driverUrl, Optional<String> username, Optional<String> password,
        int poolSize, Duration timeout, String schema, String writeStatement, Map<String, String> driverProperties,
        String location) {

    static final int DEFAULT_POOL_SIZE = 10;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final Option<Integer> POOL_SIZE = Option.of("poolSize", "a whole number of at least 1", text -> {
        int size = Integer.parseInt(text);
        return size >= 1 ? size : null;
    });
    static final Option<Duration> TIMEOUT = Option.of("timeout", "a positive duration such as 500ms, 5s, 2m or PT5S",
            ConnectionSettings::parseTimeout);
    static final Option<String> SCHEMA = Option.of("schema", "a schema name", ConnectionSettings::schema);
    static final Option<String> WRITE_STATEMENT = Option.of("writeStatement", "reporting or probe",
            text -> text.equalsIgnoreCase("reporting") || text.equalsIgnoreCase("probe") ? text.toLowerCase(Locale.ROOT) : null);
    /** Optilock's own options; every other parameter and property belongs to the driver. */
    static final List<Option<?>> OPTIONS = List.of(POOL_SIZE, TIMEOUT, SCHEMA, WRITE_STATEMENT);

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)");

    static ConnectionSettings parse(Dialect dialect, String url, StoreOptions options) {
        StoreUrl parsed = StoreUrl.parse(url, dialect.urlPrefix());
        StoreParameters parameters = StoreParameters.of(parsed, options, OPTIONS);
        String location = dialect.location(parsed);
        int poolSize = options.poolSize().orElseGet(() -> parameters.get(POOL_SIZE, DEFAULT_POOL_SIZE));
        Duration timeout = options.timeout().orElseGet(() -> parameters.get(TIMEOUT, DEFAULT_TIMEOUT));
        return new ConnectionSettings(dialect, parsed.without(OPTIONS), options.username(), options.password(), poolSize, timeout,
                parameters.get(SCHEMA).orElse(null), parameters.get(WRITE_STATEMENT).orElse(null),
                Map.copyOf(parameters.undeclaredProperties()), location);
    }

    /**
     * The {@code writeStatement} option of conditional updates and deletes: {@code probe} (a plain {@code RETURNING}
     * write, then a read only when it changed nothing: one round trip when it applies, two when it does not; the
     * default), {@code reporting} (PostgreSQL only: one statement that writes and reports the row it met, one round
     * trip always), or null for the default.
     */
    static String writeStatementOf(StoreOptions options) {
        return StoreParameters.of(options, OPTIONS).get(WRITE_STATEMENT).orElse(null);
    }

    /** The timeout and schema of a store on a caller's {@code DataSource}: properties only, there is no URL. */
    static Duration timeoutOf(StoreOptions options) {
        return options.timeout().orElseGet(() -> StoreParameters.of(options, OPTIONS).get(TIMEOUT, DEFAULT_TIMEOUT));
    }

    static String schemaOf(StoreOptions options) {
        return StoreParameters.of(options, OPTIONS).get(SCHEMA).orElse(null);
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

    /** A duration such as {@code 500ms}, {@code 5s}, {@code 2m} or {@code PT5S}; null when {@code value} is none or not positive. */
    static Duration parseTimeout(String value) {
        String text = value.trim();
        Duration timeout = null;
        Matcher matcher = DURATION.matcher(text);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            timeout = switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMinutes(amount);
            };
        } else if (text.regionMatches(true, 0, "PT", 0, 2)) {
            try {
                timeout = Duration.parse(text);
            } catch (DateTimeParseException notADuration) {
                return null;
            }
        }
        return timeout == null || timeout.isNegative() || timeout.isZero() ? null : timeout;
    }

    /** The schema name in {@code value}, or null when it is empty or holds a quote or a NUL. */
    private static String schema(String value) {
        String schema = value.trim();
        return schema.isEmpty() || schema.indexOf('"') >= 0 || schema.indexOf('\0') >= 0 ? null : schema;
    }

    /** {@code text} (a URL or a driver's message holding one) with user information and sensitive values hidden. */
    static String redactUrl(String text) {
        return Redaction.url(text, OPTIONS);
    }
}
