package dev.optilock.memory;

import dev.optilock.StoreOptions;
import dev.optilock.spi.Backend;
import dev.optilock.spi.VersionedStoreProvider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens the in-memory reference backend for {@code optilock:mem:NAME}. Stores opened with the same NAME
 * in one JVM share their tables; an empty NAME gives a private database. Parameters:
 * {@code lostResponseRate} (0 to 1, default 0) and {@code seed} (default 0) simulate lost responses;
 * both may also be given as {@link StoreOptions} properties.
 */
public final class MemoryStoreProvider implements VersionedStoreProvider {
    private static final String PREFIX = "optilock:mem:";
    private static final Pattern URL = Pattern.compile("optilock:mem:([A-Za-z0-9_.-]*)(?:\\?(.*))?");
    private static final Map<String, MemoryBackend.Database> DATABASES = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public List<String> urlForms() {
        return List.of("optilock:mem:NAME[?lostResponseRate=R&seed=S]");
    }

    @Override
    public String artifact() {
        return "dev.optilock:optilock-api";
    }

    @Override
    public boolean supports(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public Backend open(String url, StoreOptions options) {
        Matcher matcher = URL.matcher(url);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("url '" + url + "' is malformed; expected " + urlForms().get(0));
        }
        String name = matcher.group(1);
        Map<String, String> parameters = new java.util.HashMap<>();
        if (matcher.group(2) != null && !matcher.group(2).isEmpty()) {
            for (String pair : matcher.group(2).split("&")) {
                int equals = pair.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException("url '" + url + "': parameter '" + pair + "' is not NAME=VALUE");
                }
                parameters.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        parameters.putAll(options.properties());
        for (String key : parameters.keySet()) {
            if (!key.equals("lostResponseRate") && !key.equals("seed")) {
                throw new IllegalArgumentException("url '" + url + "': unknown parameter '" + key
                        + "'; known: lostResponseRate, seed");
            }
        }
        double rate = parse(url, "lostResponseRate", parameters.getOrDefault("lostResponseRate", "0"));
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("url '" + url + "': lostResponseRate must be in [0, 1], was " + rate);
        }
        long seed = (long) parse(url, "seed", parameters.getOrDefault("seed", "0"));
        MemoryBackend.Database database = name.isEmpty() ? new MemoryBackend.Database()
                : DATABASES.computeIfAbsent(name, ignored -> new MemoryBackend.Database());
        return new MemoryBackend(database, rate, seed);
    }

    private static double parse(String url, String parameter, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("url '" + url + "': " + parameter + " must be a number, was '" + value + "'");
        }
    }
}
