package dev.optilock;

/**
 * One item of {@link VersionedRepository#updateAll}: update {@code key} from {@code expectedVersion}.
 *
 * @param key the entity's key
 * @param expectedVersion the version the caller read
 * @param changes what to change
 */
public record VersionedUpdate<K>(K key, Object expectedVersion, Changes changes) {
}
