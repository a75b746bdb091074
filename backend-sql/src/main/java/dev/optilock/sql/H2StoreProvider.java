package dev.optilock.sql;

import dev.optilock.StoreOptions;
import dev.optilock.spi.Backend;
import dev.optilock.spi.VersionedStoreProvider;
import java.util.List;

/**
 * Opens H2 stores for {@code jdbc:h2:} URLs, on a HikariCP pool the store owns. Options: username, password,
 * {@code poolSize} (default 10), {@code timeout} (default 30s), {@code schema}; other settings go to H2. Needs
 * {@code com.h2database:h2} on the class path.
 */
public final class H2StoreProvider implements VersionedStoreProvider {

    @Override
    public String name() {
        return SqlFlavor.H2.backendName();
    }

    @Override
    public List<String> urlForms() {
        return List.of("jdbc:h2:mem:NAME[;SETTINGS]", "jdbc:h2:file:PATH[;SETTINGS]", "jdbc:h2:tcp://HOST[:PORT]/PATH[;SETTINGS]");
    }

    @Override
    public String artifact() {
        return "dev.optilock:optilock-backend-sql with com.h2database:h2";
    }

    @Override
    public boolean supports(String url) {
        return url != null && url.startsWith("jdbc:h2:");
    }

    @Override
    public Backend open(String url, StoreOptions options) {
        return PooledBackends.open(SqlFlavor.H2, url, options == null ? StoreOptions.defaults() : options);
    }
}
