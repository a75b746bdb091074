package dev.optilock;

import dev.optilock.mapping.Column;
import dev.optilock.mapping.Key;
import dev.optilock.mapping.SoftDelete;
import dev.optilock.mapping.Table;
import dev.optilock.mapping.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

@Table("heroes")
public record Hero(@Key String username, String displayName, @Column("mail") String email, int power, long score,
        Boolean active, Double rating, BigDecimal balance, UUID team, Instant joined, byte[] avatar, Rank rank,
        @Version long version, @SoftDelete Instant deletedAt) {

    public enum Rank { ROOKIE, VETERAN }

    Hero withDisplayName(String name) {
        return new Hero(username, name, email, power, score, active, rating, balance, team, joined, avatar, rank, version, deletedAt);
    }

    static Hero named(String username) {
        return new Hero(username, "Hero " + username, username + "@example.com", 1, 0L, true, 0.5, new BigDecimal("1.50"),
                null, null, null, Rank.ROOKIE, 0L, null);
    }
}
