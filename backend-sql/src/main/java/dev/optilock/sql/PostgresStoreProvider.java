package dev.optilock.sql;

import dev.optilock.StoreOptions;
import dev.optilock.spi.Backend;
import dev.optilock.spi.VersionedStoreProvider;
import java.util.List;

/**
 * Opens PostgreSQL stores for {@code jdbc:postgresql:} URLs, on a HikariCP pool the store owns. Options:
 * username, password, {@code poolSize} (default 10), {@code timeout} (default 30s), {@code schema}; other URL
 * parameters and properties go to the PostgreSQL driver. Needs {@code org.postgresql:postgresql} on the class path.
 */
public final class PostgresStoreProvider implements VersionedStoreProvider {

    @Override
    public String name() {
        return SqlFlavor.POSTGRESQL.backendName();
    }

    @Override
    public List<String> urlForms() {
        return List.of("jdbc:postgresql://HOST[:PORT]/DATABASE[?PARAMETERS]");
    }

    @Override
    public String artifact() {
        return "dev.optilock:optilock-backend-sql with org.postgresql:postgresql";
    }

    @Override
    public boolean supports(String url) {
        return url != null && url.startsWith("jdbc:postgresql:");
    }

    @Override
    public Backend open(String url, StoreOptions options) {
        return PooledBackends.open(SqlFlavor.POSTGRESQL, url, options == null ? StoreOptions.defaults() : options);
    }
}
