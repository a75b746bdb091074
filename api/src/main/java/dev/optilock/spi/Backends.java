package dev.optilock.spi;

import dev.optilock.StoreOptions;
import dev.optilock.VersionedStore;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/** Turns a backend into a {@link VersionedStore}; backends call it from their public factories. */
public final class Backends {
    /**
     * The store implementation lives in {@code dev.optilock.internal}, which is not part of the SPI and is not
     * exported by the {@code dev.optilock} module. It is linked here by name, once, so that the SPI has no
     * compile-time dependency on it (the architecture test forbids one).
     */
    private static final String STORE_IMPLEMENTATION = "dev.optilock.internal.DefaultVersionedStore";
    private static final MethodHandle NEW_STORE = storeConstructor();

    private Backends() {
    }

    /**
     * A store on {@code backend}: every repository operation, check, version, retry and counter of the
     * API, over the backend's primitives. Closing the store closes the backend.
     *
     * @throws IllegalArgumentException if {@code backend} is null
     */
    public static VersionedStore toStore(Backend backend, StoreOptions options) {
        if (backend == null) throw new IllegalArgumentException("backend must not be null");
        StoreOptions given = options == null ? StoreOptions.defaults() : options;
        try {
            return (VersionedStore) NEW_STORE.invoke(backend, given);
        } catch (RuntimeException | Error failure) {
            throw failure;
        } catch (Throwable unexpected) {
            throw new IllegalStateException("the store implementation failed to start", unexpected);
        }
    }

    private static MethodHandle storeConstructor() {
        try {
            Class<?> implementation = Class.forName(STORE_IMPLEMENTATION, true, Backends.class.getClassLoader());
            return MethodHandles.lookup().findConstructor(implementation,
                    MethodType.methodType(void.class, Backend.class, StoreOptions.class));
        } catch (ReflectiveOperationException missing) {
            throw new ExceptionInInitializerError("optilock-api is incomplete: " + STORE_IMPLEMENTATION + " cannot be linked: " + missing);
        }
    }
}
