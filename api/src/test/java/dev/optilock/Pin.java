package dev.optilock;

import dev.optilock.mapping.Key;
import dev.optilock.mapping.Version;
import java.time.Instant;

/** A composite-key record with a TIMESTAMP version, like a pin store keyed by (prefix, content id). */
public record Pin(@Key(order = 0) String mhPrefix, @Key(order = 1, clustering = true) byte[] cidBin, String note,
        @Version Instant updatedAt) {
}
