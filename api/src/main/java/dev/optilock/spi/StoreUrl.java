package dev.optilock.spi;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A store URL parsed once, by one rule, for every provider:
 *
 * <pre>
 * PREFIX [//HOST[:PORT][,HOST[:PORT]...]] [/]PATH [?NAME[=VALUE][&amp;NAME[=VALUE]...] | ;NAME[=VALUE][;NAME[=VALUE]...]]
 * </pre>
 *
 * <ul>
 *   <li>The provider names its {@code PREFIX} ({@code cql://}, {@code jdbc:postgresql:}, {@code optilock:mem:}).
 *       Hosts follow when the prefix ends with {@code //} or the rest starts with {@code //}: a host name, an IPv4
 *       address or an IPv6 address in brackets, each with an optional port from 1 to 65535.</li>
 *   <li>Parameters follow the first {@code ?} (separated by {@code &}) or the first {@code ;} (separated by
 *       {@code ;}, as H2 writes them). A parameter may lack a value (a driver's flag). Names are matched without
 *       regard to case; one given twice is rejected. Values are percent-decoded when they are read as
 *       {@link Option}s.</li>
 *   <li>User information ({@code //user:password@host}) is rejected: credentials belong in
 *       {@link dev.optilock.StoreOptions#username()} and {@link dev.optilock.StoreOptions#password()}.</li>
 * </ul>
 *
 * <p>Every message and {@link #toString()} show the URL through {@link Redaction}: never a password.
 */
public final class StoreUrl {
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.-]{0,252})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final String text;
    private final String prefix;
    private final List<HostAndPort> hosts;
    private final String path;
    private final char separator;
    private final List<Parameter> parameters;
    private final int parametersStart;

    /** One host of the URL; {@code port} is -1 when the URL gives none. */
    public record HostAndPort(String host, int port) {
        /** The port, or {@code defaultPort} when the URL gives none. */
        public int portOr(int defaultPort) {
            return port < 0 ? defaultPort : port;
        }

        @Override
        public String toString() {
            return port < 0 ? host : host + ":" + port;
        }
    }

    /** One parameter as written: {@code value} is null for a name without {@code =}. */
    public record Parameter(String name, String value) {
    }

    private StoreUrl(String text, String prefix, List<HostAndPort> hosts, String path, char separator, List<Parameter> parameters,
            int parametersStart) {
        this.text = text;
        this.prefix = prefix;
        this.hosts = hosts;
        this.path = path;
        this.separator = separator;
        this.parameters = parameters;
        this.parametersStart = parametersStart;
    }

    /**
     * Parses {@code url}, which must start with {@code prefix}.
     *
     * @throws IllegalArgumentException naming the problem and showing the URL without secrets
     */
    public static StoreUrl parse(String url, String prefix) {
        if (prefix == null || prefix.isEmpty()) throw new IllegalArgumentException("prefix must not be empty");
        if (url == null) throw new IllegalArgumentException("url must not be null");
        String where = describe(url);
        if (!url.startsWith(prefix)) throw new IllegalArgumentException(where + ": it does not start with " + prefix);
        int position = prefix.length();
        boolean hasAuthority = prefix.endsWith("//");
        if (!hasAuthority && url.startsWith("//", position)) {
            hasAuthority = true;
            position += 2;
        }
        int parametersStart = firstOf(url, "?;", hasAuthority ? afterUserInformation(url, position) : position);
        int end = parametersStart < 0 ? url.length() : parametersStart;
        List<HostAndPort> hosts = List.of();
        if (hasAuthority) {
            int slash = url.indexOf('/', position);
            int authorityEnd = slash >= 0 && slash < end ? slash : end;
            String authority = url.substring(position, authorityEnd);
            if (authority.contains("@")) {
                throw new IllegalArgumentException(where + ": credentials do not belong in the URL; give them with "
                        + "StoreOptions.username and StoreOptions.password");
            }
            if (authority.isEmpty()) throw new IllegalArgumentException(where + ": no host");
            List<HostAndPort> parsed = new ArrayList<>();
            for (String part : authority.split(",", -1)) parsed.add(hostAndPort(where, part));
            hosts = List.copyOf(parsed);
            position = authorityEnd < end ? authorityEnd + 1 : authorityEnd;
        }
        String path = url.substring(Math.min(position, end), end);
        char separator = parametersStart < 0 ? '?' : url.charAt(parametersStart);
        List<Parameter> parameters = parametersStart < 0 ? List.of() : parameters(where, url.substring(parametersStart + 1), separator);
        return new StoreUrl(url, prefix, hosts, path, separator, parameters, parametersStart);
    }

    /** The URL for messages, as {@code url '...'} without secrets; for URLs that do not parse as well. */
    public static String describe(String url) {
        return "url '" + Redaction.url(url) + "'";
    }

    public String prefix() {
        return prefix;
    }

    /** The hosts, in URL order; empty when the URL has no host part. */
    public List<HostAndPort> hosts() {
        return hosts;
    }

    /** What follows the hosts (without its leading {@code /}) or the prefix, up to the parameters; may be empty. */
    public String path() {
        return path;
    }

    /** The parameters as written, in URL order. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * The URL as given, without the parameters that {@code removed} names (case is ignored): what a provider hands to
     * a driver after taking out its own options. The remaining parameters keep their text and order.
     */
    public String without(Collection<Option<?>> removed) {
        if (parametersStart < 0) return text;
        Set<String> names = names(removed);
        StringBuilder kept = new StringBuilder(text.substring(0, parametersStart));
        boolean first = true;
        for (String pair : split(text.substring(parametersStart + 1), separator)) {
            if (pair.isEmpty()) continue;
            int equals = pair.indexOf('=');
            if (names.contains((equals < 0 ? pair : pair.substring(0, equals)).trim())) continue;
            kept.append(first && separator == '?' ? '?' : separator == '?' ? '&' : ';').append(pair);
            first = false;
        }
        return kept.toString();
    }

    /** {@code url '...'} for messages, hiding the values of sensitive parameters. */
    public String describe(Collection<Option<?>> options) {
        return "url '" + Redaction.url(text, options) + "'";
    }

    /** The URL without secrets. */
    @Override
    public String toString() {
        return Redaction.url(text);
    }

    static Set<String> names(Collection<Option<?>> options) {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (Option<?> option : options) names.add(option.name());
        return names;
    }

    static String decode(String value) {
        return value.indexOf('%') < 0 ? value : URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static List<Parameter> parameters(String where, String text, char separator) {
        List<Parameter> parameters = new ArrayList<>();
        Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String pair : split(text, separator)) {
            if (pair.isEmpty()) continue;
            int equals = pair.indexOf('=');
            String name = (equals < 0 ? pair : pair.substring(0, equals)).trim();
            if (name.isEmpty()) {
                throw new IllegalArgumentException(where + ": parameter '" + Redaction.value(pair, pair) + "' is not NAME=VALUE");
            }
            if (!seen.add(name)) throw new IllegalArgumentException(where + ": parameter '" + name + "' is given twice");
            parameters.add(new Parameter(name, equals < 0 ? null : pair.substring(equals + 1)));
        }
        return List.copyOf(parameters);
    }

    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        char splitOn = separator == '?' ? '&' : ';';
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == splitOn) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        return parts;
    }

    private static HostAndPort hostAndPort(String where, String text) {
        if (text.isEmpty()) throw new IllegalArgumentException(where + ": empty host in the host list");
        String host;
        String portText = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) throw new IllegalArgumentException(where + ": unclosed '[' in host '" + text + "'");
            host = text.substring(1, close);
            String after = text.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) throw new IllegalArgumentException(where + ": malformed host '" + text + "'");
                portText = after.substring(1);
            }
            if (!IPV6.matcher(host).matches()) throw new IllegalArgumentException(where + ": malformed IPv6 address '[" + host + "]'");
        } else {
            int colon = text.indexOf(':');
            host = colon < 0 ? text : text.substring(0, colon);
            portText = colon < 0 ? null : text.substring(colon + 1);
            if (!HOST_NAME.matcher(host).matches()) throw new IllegalArgumentException(where + ": malformed host '" + host + "'");
        }
        int port = -1;
        if (portText != null) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException notANumber) {
                port = 0;
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(where + ": port '" + portText + "' of host '" + host
                        + "' must be a number from 1 to 65535");
            }
        }
        return new HostAndPort(host, port);
    }

    /** Where to start looking for parameters: after the user information of the authority at {@code position}. */
    private static int afterUserInformation(String url, int position) {
        int at = url.indexOf('@', position);
        int slash = url.indexOf('/', position);
        return at >= 0 && (slash < 0 || at < slash) ? at : position;
    }

    /** The index of the first of {@code characters} in {@code text} at or after {@code from}, or -1. */
    static int firstOf(String text, String characters, int from) {
        for (int i = Math.max(0, from); i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) return i;
        }
        return -1;
    }
}
