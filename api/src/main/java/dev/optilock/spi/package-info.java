/**
 * The service provider interface a backend implements.
 *
 * <p>A backend implements a handful of primitives in {@link dev.optilock.spi.Backend}: find, insert if
 * absent, conditional update, conditional delete, create table, capabilities. Versions, exceptions,
 * retries, mapping, input checks and metrics are written once in the API layer, so every backend
 * behaves the same by construction. A {@link dev.optilock.spi.VersionedStoreProvider} makes a backend
 * discoverable by URL through {@link java.util.ServiceLoader}.
 */
package dev.optilock.spi;
