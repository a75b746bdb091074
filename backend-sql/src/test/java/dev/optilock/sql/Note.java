package dev.optilock.sql;

import dev.optilock.mapping.Key;
import dev.optilock.mapping.Table;
import dev.optilock.mapping.Version;
import java.time.Instant;
import java.util.UUID;

/** A TIMESTAMP-versioned record keyed by a UUID. */
@Table("notes")
public record Note(@Key UUID id, String text, @Version Instant updatedAt) {
}
