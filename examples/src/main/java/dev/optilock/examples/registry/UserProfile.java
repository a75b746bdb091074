package dev.optilock.examples.registry;

import dev.optilock.mapping.Key;
import dev.optilock.mapping.Table;
import dev.optilock.mapping.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * The editable part of a user, updated with optimistic locking: every write names the version it read.
 * {@code edits} counts the edits applied, which is how the race demo proves that none was lost.
 */
@Table("user_profiles")
public record UserProfile(
        @Key UUID userId,
        String username,
        String bio,
        String status,
        int edits,
        Instant updatedAt,
        @Version long version) {
}
