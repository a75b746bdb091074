package dev.optilock.sql;

import dev.optilock.mapping.Key;
import dev.optilock.mapping.Table;
import dev.optilock.mapping.Version;

/** Stock in one bin of a warehouse: the warehouse is the partition, so a group can move stock between its bins. */
@Table("bins")
public record Bin(@Key String warehouse, @Key(clustering = true) String bin, long quantity, @Version long version) {
}
