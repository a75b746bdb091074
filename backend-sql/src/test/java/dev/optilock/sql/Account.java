package dev.optilock.sql;

import dev.optilock.mapping.Key;
import dev.optilock.mapping.SoftDelete;
import dev.optilock.mapping.Table;
import dev.optilock.mapping.Version;
import java.time.Instant;

/** A LONG-versioned record with a soft-delete column. */
@Table("accounts")
public record Account(@Key String id, String owner, long balance, @Version long version, @SoftDelete Instant deletedAt) {

    static Account of(String id, String owner, long balance) {
        return new Account(id, owner, balance, 0L, null);
    }
}
