package dev.optilock.sql;

import dev.optilock.mapping.Key;
import dev.optilock.mapping.Table;
import dev.optilock.mapping.Version;
import java.time.Instant;
import java.util.UUID;

/** A composite-key record (one partition column, two clustering columns) with a UUID version. */
@Table("readings")
public record Reading(@Key(order = 0) String sensor, @Key(order = 1, clustering = true) Instant at,
        @Key(order = 2, clustering = true) int seq, Double value, @Version UUID version) {
}
