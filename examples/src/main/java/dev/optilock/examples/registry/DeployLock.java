package dev.optilock.examples.registry;

import dev.optilock.mapping.Key;
import dev.optilock.mapping.Table;
import dev.optilock.mapping.Version;
import java.time.Instant;

/** A lock row: whoever inserts it holds the lock; deleting it releases the lock. */
@Table("deploy_locks")
public record DeployLock(@Key String service, String lockedBy, Instant lockedAt, @Version long version) {
}
