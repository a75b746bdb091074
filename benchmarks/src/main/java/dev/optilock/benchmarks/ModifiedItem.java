package dev.optilock.benchmarks;

import dev.optilock.mapping.Key;
import dev.optilock.mapping.Table;
import dev.optilock.mapping.Version;

/** Same shape as {@link Item}, in its own table, for Optilock's read-then-write {@code modify}. */
@Table("bench_optilock_modify")
public record ModifiedItem(@Key long id, String payload, @Version long version) {
}
