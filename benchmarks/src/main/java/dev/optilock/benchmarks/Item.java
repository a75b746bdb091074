package dev.optilock.benchmarks;

import dev.optilock.mapping.Key;
import dev.optilock.mapping.Table;
import dev.optilock.mapping.Version;

/**
 * The Optilock entity of the uncontended scenarios: {@code bench_item(id bigint key, payload text, version bigint)}, on
 * PostgreSQL the table every implementation writes ({@link SqlDatabase#ITEM_TABLE}).
 */
@Table(SqlDatabase.ITEM_TABLE)
public record Item(@Key long id, String payload, @Version long version) {
}
