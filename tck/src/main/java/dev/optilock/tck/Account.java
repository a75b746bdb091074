package dev.optilock.tck;

import dev.optilock.mapping.Column;
import dev.optilock.mapping.Key;
import dev.optilock.mapping.SoftDelete;
import dev.optilock.mapping.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The typed record the TCK maps: every supported Java type, a LONG version and a soft-delete column. */
public record Account(@Key String id, String owner, @Column("account_status") Status status, int level, long points,
        boolean verified, Double score, BigDecimal balance, UUID externalId, Instant openedAt, byte[] avatar,
        @Version long version, @SoftDelete Instant closedAt) {

    /** Stored as text. */
    public enum Status { ACTIVE, FROZEN }

    static Account open(String id, String owner) {
        return new Account(id, owner, Status.ACTIVE, 1, 0L, false, null, new BigDecimal("10.50"), null, null, null, 0L, null);
    }
}
