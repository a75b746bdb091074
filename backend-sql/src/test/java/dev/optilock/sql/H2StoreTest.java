package dev.optilock.sql;

import dev.optilock.StoreOptions;
import java.util.UUID;

/** The SQL store contract on an in-memory H2 database. */
class H2StoreTest extends SqlStoreContract {
    private final String url = "jdbc:h2:mem:store_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";

    @Override
    protected String url() {
        return url;
    }

    @Override
    protected StoreOptions.Builder credentials() {
        return StoreOptions.builder();
    }

    @Override
    protected SqlFlavor flavor() {
        return SqlFlavor.H2;
    }
}
