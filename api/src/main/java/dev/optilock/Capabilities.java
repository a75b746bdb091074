package dev.optilock;

import java.util.Set;

/**
 * What a backend is and declares it can do.
 *
 * @param backendName a short stable name such as {@code postgresql}, {@code h2}, {@code cassandra}, {@code memory}
 * @param features the optional behaviours it declares
 */
public record Capabilities(String backendName, Set<Capability> features) {
    public Capabilities {
        if (backendName == null || backendName.isBlank()) throw new IllegalArgumentException("backendName must not be blank");
        features = Set.copyOf(features);
    }

    public boolean has(Capability capability) {
        return features.contains(capability);
    }
}
