package dev.optilock.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optilock.BackendException;
import dev.optilock.StoreOptions;
import dev.optilock.VersionedRepository;
import dev.optilock.testservers.PostgresServer;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The SQL store contract on PostgreSQL (from {@link PostgresServer}), in a fresh schema. */
class PostgresStoreTest extends SqlStoreContract {
    private final PostgresServer server = PostgresServer.shared();
    private final String url = server.jdbcUrlForFreshSchema("sql_store");

    @Override
    protected String url() {
        return url;
    }

    @Override
    protected StoreOptions.Builder credentials() {
        return StoreOptions.builder().username(server.username()).password(server.password());
    }

    @Override
    protected SqlFlavor flavor() {
        return SqlFlavor.POSTGRESQL;
    }

    @Test
    void should_reject_text_with_a_zero_character_which_postgresql_cannot_store() {
        store.createTable(Account.class);
        VersionedRepository<Account, String> accounts = store.repository(Account.class, String.class);
        String id = "nul-" + UUID.randomUUID();
        assertThatThrownBy(() -> accounts.insert(Account.of(id, "a\u0000b", 1))).isInstanceOf(BackendException.class);
        assertThat(accounts.find(id)).isEmpty();
    }
}
