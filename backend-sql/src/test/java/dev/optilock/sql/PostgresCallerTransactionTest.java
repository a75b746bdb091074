package dev.optilock.sql;

import dev.optilock.StoreOptions;
import dev.optilock.testservers.PostgresServer;

/** The caller's-transaction rules on PostgreSQL (from {@link PostgresServer}), in a fresh schema. */
class PostgresCallerTransactionTest extends CallerTransactionContract {
    private final PostgresServer server = PostgresServer.shared();
    private final String url = server.jdbcUrlForFreshSchema("caller_tx");

    @Override
    protected String url() {
        return url;
    }

    @Override
    protected StoreOptions credentials() {
        return StoreOptions.builder().username(server.username()).password(server.password()).build();
    }

    @Override
    protected SqlFlavor flavor() {
        return SqlFlavor.POSTGRESQL;
    }
}
