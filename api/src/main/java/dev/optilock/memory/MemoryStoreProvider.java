package dev.optilock.memory;

import dev.optilock.StoreOptions;
import dev.optilock.spi.Backend;
import dev.optilock.spi.Option;
import dev.optilock.spi.StoreParameters;
import dev.optilock.spi.StoreUrl;
import dev.optilock.spi.VersionedStoreProvider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Opens the in-memory reference backend for {@code optilock:mem:NAME}. Stores opened with the same NAME
 * in one JVM share their tables; an empty NAME gives a private database. Parameters:
 * {@code lostResponseRate} (0 to 1, default 0) and {@code seed} (default 0) simulate lost responses;
 * both may also be given as {@link StoreOptions} properties.
 */
public final class MemoryStoreProvider implements VersionedStoreProvider {
    private static final String PREFIX = "optilock:mem:";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]*");
    private static final Option<Double> LOST_RESPONSE_RATE = Option.of("lostResponseRate", "a number from 0 to 1", text -> {
        double rate = Double.parseDouble(text);
        return rate >= 0 && rate <= 1 ? rate : null;
    });
    private static final Option<Long> SEED = Option.of("seed", "a whole number", Long::parseLong);
    private static final List<Option<?>> OPTIONS = List.of(LOST_RESPONSE_RATE, SEED);
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
        StoreUrl parsed = StoreUrl.parse(url, PREFIX);
        String name = parsed.path();
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(parsed.describe(OPTIONS) + " is malformed: NAME '" + name
                    + "' may hold letters, digits, '_', '.' and '-'; expected " + urlForms().get(0));
        }
        StoreParameters parameters = StoreParameters.of(parsed, options, OPTIONS);
        parameters.requireOnlyDeclared("");
        double rate = parameters.get(LOST_RESPONSE_RATE, 0.0);
        long seed = parameters.get(SEED, 0L);
        MemoryBackend.Database database = name.isEmpty() ? new MemoryBackend.Database()
                : DATABASES.computeIfAbsent(name, ignored -> new MemoryBackend.Database());
        return new MemoryBackend(database, rate, seed);
    }
}
