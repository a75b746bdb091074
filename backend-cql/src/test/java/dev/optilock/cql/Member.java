package dev.optilock.cql;

import dev.optilock.mapping.Key;
import dev.optilock.mapping.SoftDelete;
import dev.optilock.mapping.Table;
import dev.optilock.mapping.Version;
import java.math.BigDecimal;
import java.time.Instant;

/** A mapped record with a LONG version and a soft-delete column. */
@Table("members")
public record Member(@Key String id, String name, int level, BigDecimal balance, @Version long version,
        @SoftDelete Instant deletedAt) {

    static Member named(String id, String name) {
        return new Member(id, name, 1, new BigDecimal("10.00"), 0L, null);
    }
}
