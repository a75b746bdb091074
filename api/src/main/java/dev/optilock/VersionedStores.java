package dev.optilock;

import dev.optilock.spi.Backends;
import dev.optilock.spi.Redaction;
import dev.optilock.spi.VersionedStoreProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Opens stores by URL, as {@code DriverManager} opens connections: every {@link VersionedStoreProvider}
 * registered with {@link ServiceLoader} is asked whether it supports the URL.
 *
 * <ul>
 *   <li>No provider supports it: {@link IllegalArgumentException} listing the providers found, their URL
 *       forms, and the artifacts that bring the known backends.</li>
 *   <li>A provider that fails to load is logged and skipped.</li>
 *   <li>Several support it: a warning is logged and the first is used, unless
 *       {@link StoreOptions#provider()} names one.</li>
 * </ul>
 */
public final class VersionedStores {
    private static final System.Logger LOG = System.getLogger(VersionedStores.class.getName());
    private static final String KNOWN_BACKENDS = "dev.optilock:optilock-backend-sql (jdbc:postgresql:, jdbc:h2:), "
            + "dev.optilock:optilock-backend-cql (cql://), dev.optilock:optilock-api (optilock:mem:)";

    private VersionedStores() {
    }

    /** Opens a store for {@code url} with default options. */
    public static VersionedStore open(String url) {
        return open(url, StoreOptions.defaults());
    }

    /**
     * Opens a store for {@code url}.
     *
     * @throws IllegalArgumentException if the URL is null or blank, no provider supports it, the provider
     *         named in the options is not found or does not support it, or the URL is malformed
     * @throws BackendUnavailableException if the backend cannot be reached
     */
    public static VersionedStore open(String url, StoreOptions options) {
        if (url == null || url.isBlank()) throw new IllegalArgumentException("url must not be null or blank");
        StoreOptions effective = options == null ? StoreOptions.defaults() : options;
        List<LoadedProvider> loaded = load();
        List<VersionedStoreProvider> matching = new ArrayList<>();
        for (LoadedProvider candidate : loaded) {
            if (candidate.provider != null && candidate.provider.supports(url)) matching.add(candidate.provider);
        }
        VersionedStoreProvider chosen;
        if (effective.provider().isPresent()) {
            String wanted = effective.provider().get();
            chosen = matching.stream().filter(provider -> provider.name().equals(wanted)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("url: provider '" + wanted
                            + "' was not found or does not support " + describeUrl(url) + "; " + describe(loaded)));
        } else if (matching.isEmpty()) {
            throw new IllegalArgumentException("url: no Optilock provider supports " + describeUrl(url) + "; "
                    + describe(loaded) + ". Add the artifact of your backend: " + KNOWN_BACKENDS);
        } else {
            chosen = matching.get(0);
            if (matching.size() > 1) {
                LOG.log(System.Logger.Level.WARNING, "several Optilock providers support " + describeUrl(url) + ": "
                        + matching.stream().map(VersionedStoreProvider::name).toList() + "; using '" + chosen.name()
                        + "'. Pick one with StoreOptions.builder().provider(name)");
            }
        }
        return Backends.toStore(chosen.open(url, effective), effective);
    }

    /** The providers found on the class path (those that failed to load are left out). */
    public static List<ProviderInfo> providers() {
        List<ProviderInfo> infos = new ArrayList<>();
        for (LoadedProvider loaded : load()) {
            if (loaded.provider != null) {
                infos.add(new ProviderInfo(loaded.provider.name(), loaded.provider.urlForms(), loaded.provider.artifact()));
            }
        }
        return infos;
    }

    private record LoadedProvider(VersionedStoreProvider provider, String failure) {
    }

    private static List<LoadedProvider> load() {
        List<LoadedProvider> found = new ArrayList<>();
        ServiceLoader<VersionedStoreProvider> loader = ServiceLoader.load(VersionedStoreProvider.class,
                VersionedStoreProvider.class.getClassLoader());
        Iterator<VersionedStoreProvider> iterator = loader.iterator();
        while (true) {
            try {
                if (!iterator.hasNext()) break;
                found.add(new LoadedProvider(iterator.next(), null));
            } catch (ServiceConfigurationError broken) {
                String cause = broken.getCause() == null ? "" : " (" + broken.getCause() + ")";
                LOG.log(System.Logger.Level.WARNING, "skipping an Optilock provider that failed to load: " + broken.getMessage() + cause);
                LOG.log(System.Logger.Level.DEBUG, "provider load failure", broken);
                found.add(new LoadedProvider(null, broken.getMessage()));
            }
        }
        return found;
    }

    private static String describe(List<LoadedProvider> loaded) {
        StringBuilder out = new StringBuilder("providers found: ");
        boolean any = false;
        for (LoadedProvider candidate : loaded) {
            if (candidate.provider == null) continue;
            if (any) out.append(", ");
            any = true;
            out.append(candidate.provider.name()).append(' ').append(candidate.provider.urlForms())
                    .append(" from ").append(candidate.provider.artifact());
        }
        if (!any) out.append("none");
        long failed = loaded.stream().filter(candidate -> candidate.provider == null).count();
        if (failed > 0) {
            out.append("; ").append(failed).append(" failed to load: ");
            out.append(String.join("; ", loaded.stream().filter(c -> c.provider == null).map(c -> c.failure).toList()));
        }
        return out.toString();
    }

    /** The URL without user information or sensitive parameters, for messages. */
    static String describeUrl(String url) {
        return "'" + Redaction.url(url) + "'";
    }
}
