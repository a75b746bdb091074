package dev.optilock.spi;

import dev.optilock.StoreOptions;
import dev.optilock.VersionedStore;
import dev.optilock.internal.DefaultVersionedStore;

/** Turns a backend into a {@link VersionedStore}; backends call it from their public factories. */
public final class Backends {
    private Backends() {
    }

    /**
     * A store on {@code backend}: every repository operation, check, version, retry and counter of the
     * API, over the backend's primitives. Closing the store closes the backend.
     */
    public static VersionedStore toStore(Backend backend, StoreOptions options) {
        if (backend == null) throw new IllegalArgumentException("backend must not be null");
        return new DefaultVersionedStore(backend, options == null ? StoreOptions.defaults() : options);
    }
}
