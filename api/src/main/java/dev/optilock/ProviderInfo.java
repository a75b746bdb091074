package dev.optilock;

import java.util.List;

/**
 * A backend provider found on the class path.
 *
 * @param name its name, for {@link StoreOptions.Builder#provider}
 * @param urlForms the URL forms it accepts
 * @param artifact the Maven coordinates that bring it
 */
public record ProviderInfo(String name, List<String> urlForms, String artifact) {
    public ProviderInfo {
        urlForms = List.copyOf(urlForms);
    }
}
