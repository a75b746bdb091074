package dev.optilock.spring.boot.autoconfigure;

import dev.optilock.mapping.Key;
import dev.optilock.mapping.Table;
import dev.optilock.mapping.Version;

/** A row of the tests' table. */
@Table("boot_accounts")
public record Account(@Key String id, String owner, long balance, @Version long version) {
    static Account of(String id, long balance) {
        return new Account(id, "ada", balance, 0);
    }
}
