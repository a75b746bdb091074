/**
 * The service provider interface a backend implements.
 *
 * <p>A backend implements a handful of primitives in {@link dev.optilock.spi.Backend}: find, insert if
 * absent, conditional update, conditional delete, create table, capabilities. Versions, exceptions,
 * retries, mapping, input checks and metrics are written once in the API layer, so every backend
 * behaves the same by construction. A {@link dev.optilock.spi.VersionedStoreProvider} makes a backend
 * discoverable by URL through {@link java.util.ServiceLoader}.
 *
 * <p>What a backend needs besides: {@link dev.optilock.spi.StoreUrl}, {@link dev.optilock.spi.StoreParameters} and
 * {@link dev.optilock.spi.Option} parse its URL and options by the one rule every provider follows;
 * {@link dev.optilock.spi.Redaction} hides secrets in whatever it prints; {@link dev.optilock.spi.Stages} starts
 * and waits for stages; {@link dev.optilock.spi.Backends} turns the backend into a store; and
 * {@code dev.optilock.spi.semantics} defines what conditions, increments and value equality mean.
 */
package dev.optilock.spi;
