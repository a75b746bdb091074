package dev.optilock.spring.boot.autoconfigure;

/** Startup failed because Optilock's auto-configuration found no database to open the {@code VersionedStore} on. */
public class NoStoreConfiguredException extends IllegalStateException {
    public NoStoreConfiguredException(String message) {
        super(message);
    }
}
