package dev.optilock.benchmarks;

import dev.optilock.mapping.Key;
import dev.optilock.mapping.Table;
import dev.optilock.mapping.Version;

/**
 * The table {@link RawLwtImpl#sameAsOptilock} writes: created by Optilock's CQL store like {@link Item}'s (so with its hidden
 * columns), and never written by the store after its rows are inserted.
 */
@Table("bench_lwtsame")
public record SameCqlItem(@Key long id, String payload, @Version long version) {
}
