package dev.optilock.examples.boot;

import dev.optilock.mapping.Key;
import dev.optilock.mapping.Table;
import dev.optilock.mapping.Version;

/** One bin of a warehouse; the warehouse is the partition, so a transfer between its bins is one atomic group. */
@Table("stock_bins")
public record Bin(@Key String warehouse, @Key(clustering = true) String bin, long quantity, @Version long version) {
}
