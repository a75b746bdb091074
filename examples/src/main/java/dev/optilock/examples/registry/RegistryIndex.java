package dev.optilock.examples.registry;

import dev.optilock.mapping.Key;
import dev.optilock.mapping.Table;
import dev.optilock.mapping.Version;

/**
 * A listing row: the API reads and writes rows by key and has no scan, so the registry keeps the usernames of each
 * dimension (and the set of dimensions) in rows like this one. {@code entries} is a sorted set, one entry per line.
 * See {@link Registry} for why it is correct under concurrency.
 */
@Table("registry_index")
public record RegistryIndex(@Key String name, String entries, @Version long version) {
}
