package dev.optilock.cql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A parsed {@code cql://} URL:
 *
 * <pre>
 * cql://HOST[:PORT][,HOST[:PORT]...]/KEYSPACE[?NAME=VALUE[&amp;NAME=VALUE...]]
 * </pre>
 *
 * HOST is a host name, an IPv4 address or an IPv6 address in brackets; PORT defaults to 9042. Values are
 * taken literally (no percent-decoding); a value may contain {@code =} and {@code ,} but not {@code &}.
 *
 * @param hosts the contact points, in URL order
 * @param keyspace the keyspace
 * @param parameters the query parameters, in URL order
 */
record CqlUrl(List<HostAndPort> hosts, String keyspace, Map<String, String> parameters) {
    static final String PREFIX = "cql://";
    static final int DEFAULT_PORT = 9042;
    static final String FORM = "cql://HOST[:PORT][,HOST[:PORT]...]/KEYSPACE[?localDatacenter=DC&consistency=LEVEL"
            + "&serialConsistency=SERIAL|LOCAL_SERIAL&replication=SimpleStrategy:N|NetworkTopologyStrategy:DC=N,...]";

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]{2,45}]");

    /** One contact point as written in the URL. */
    record HostAndPort(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /**
     * Parses {@code url}.
     *
     * @throws IllegalArgumentException naming the problem; the message never repeats credentials
     */
    static CqlUrl parse(String url) {
        if (url == null || !url.startsWith(PREFIX)) {
            throw new IllegalArgumentException("url must start with " + PREFIX + "; expected " + FORM);
        }
        String where = describe(url);
        String rest = url.substring(PREFIX.length());
        int query = rest.indexOf('?');
        String parameterText = query < 0 ? null : rest.substring(query + 1);
        String beforeQuery = query < 0 ? rest : rest.substring(0, query);
        int slash = beforeQuery.indexOf('/');
        String authority = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
        String keyspace = slash < 0 ? "" : beforeQuery.substring(slash + 1);
        if (authority.contains("@")) {
            throw new IllegalArgumentException(where + ": credentials do not belong in the URL; give them with "
                    + "StoreOptions.username and StoreOptions.password");
        }
        if (authority.isEmpty()) {
            throw new IllegalArgumentException(where + ": no host; expected " + FORM);
        }
        if (keyspace.isEmpty()) {
            throw new IllegalArgumentException(where + ": the keyspace is missing; expected " + FORM);
        }
        if (keyspace.contains("/")) {
            throw new IllegalArgumentException(where + ": the path must be a single keyspace name, was '" + keyspace + "'");
        }
        List<HostAndPort> hosts = new ArrayList<>();
        for (String part : authority.split(",", -1)) {
            hosts.add(hostAndPort(where, part));
        }
        return new CqlUrl(List.copyOf(hosts), keyspace, parameters(where, parameterText));
    }

    private static HostAndPort hostAndPort(String where, String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException(where + ": empty host in the host list");
        }
        String host;
        String portText = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) throw new IllegalArgumentException(where + ": unclosed '[' in host '" + text + "'");
            host = text.substring(0, close + 1);
            String after = text.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) throw new IllegalArgumentException(where + ": malformed host '" + text + "'");
                portText = after.substring(1);
            }
            if (!IPV6.matcher(host).matches()) throw new IllegalArgumentException(where + ": malformed IPv6 address '" + host + "'");
            host = host.substring(1, host.length() - 1);
        } else {
            int colon = text.indexOf(':');
            host = colon < 0 ? text : text.substring(0, colon);
            portText = colon < 0 ? null : text.substring(colon + 1);
            if (!HOST_NAME.matcher(host).matches()) {
                throw new IllegalArgumentException(where + ": malformed host '" + host + "'");
            }
        }
        int port = DEFAULT_PORT;
        if (portText != null) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException notANumber) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(where + ": port '" + portText + "' of host '" + host
                        + "' must be a number from 1 to 65535");
            }
        }
        return new HostAndPort(host, port);
    }

    private static Map<String, String> parameters(String where, String text) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) return parameters;
        for (String pair : text.split("&", -1)) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException(where + ": parameter '" + redactPair(pair) + "' is not NAME=VALUE");
            }
            String name = pair.substring(0, equals);
            if (parameters.put(name, pair.substring(equals + 1)) != null) {
                throw new IllegalArgumentException(where + ": parameter '" + name + "' is given twice");
            }
        }
        return parameters;
    }

    private static String redactPair(String pair) {
        return pair.toLowerCase(java.util.Locale.ROOT).contains("password") ? "REDACTED" : pair;
    }

    /** The URL for messages: without user information or password parameters. */
    static String describe(String url) {
        String shown = url.replaceAll("(?i)(password|pwd)=[^&]*", "$1=REDACTED");
        shown = shown.replaceAll("//[^/]*@", "//REDACTED@");
        return "url '" + shown + "'";
    }
}
