package dev.optilock.spi;

import dev.optilock.StoreOptions;
import java.util.List;

/**
 * Opens backends for the URLs it supports. Registered in
 * {@code META-INF/services/dev.optilock.spi.VersionedStoreProvider}; it must have a public no-argument
 * constructor that does no work, because every provider on the class path is instantiated on each
 * {@code VersionedStores.open}.
 */
public interface VersionedStoreProvider {

    /** A short stable name, such as {@code postgresql}; users pick a provider by it. */
    String name();

    /** The URL forms it accepts, for error messages, e.g. {@code jdbc:postgresql://HOST[:PORT]/DATABASE}. */
    List<String> urlForms();

    /** The Maven coordinates that bring this provider, for error messages. */
    String artifact();

    /** Whether this provider handles {@code url}; cheap, no I/O. */
    boolean supports(String url);

    /**
     * Opens a backend for {@code url}.
     *
     * @throws IllegalArgumentException if the URL or an option is malformed
     * @throws dev.optilock.BackendUnavailableException if the backend cannot be reached
     */
    Backend open(String url, StoreOptions options);
}
