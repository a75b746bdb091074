package dev.optilock.benchmarks;

import dev.optilock.mapping.Key;
import dev.optilock.mapping.Table;
import dev.optilock.mapping.Version;

/** The one hot row of the hot-key scenario: every applied {@code modify} adds 1 to {@code hits}. */
@Table("hot_counter")
public record HotCounter(@Key long id, long hits, @Version long version) {
}
