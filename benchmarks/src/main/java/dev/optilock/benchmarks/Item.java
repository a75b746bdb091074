package dev.optilock.benchmarks;

import dev.optilock.mapping.Key;
import dev.optilock.mapping.Table;
import dev.optilock.mapping.Version;

/** The Optilock entity of the uncontended scenarios: {@code bench_optilock(id bigint key, payload text, version bigint)}. */
@Table("bench_optilock")
public record Item(@Key long id, String payload, @Version long version) {
}
