package dev.optilock.examples.registry;

import dev.optilock.mapping.Key;
import dev.optilock.mapping.Table;
import dev.optilock.mapping.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * One claimed identity. The username is the key: {@code insertIfAbsent} lets exactly one writer claim it, and every
 * other writer gets this row back as the existing owner.
 */
@Table("user_registrations")
public record UserRegistration(
        @Key String username,
        String email,
        String displayName,
        String dimension,
        Instant registeredAt,
        UUID userId,
        @Version long version) {
}
