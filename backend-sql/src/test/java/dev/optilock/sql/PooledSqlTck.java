package dev.optilock.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.StoreOptions;
import dev.optilock.VersionedStore;
import dev.optilock.tck.LostResponses;
import dev.optilock.tck.OptilockTck;
import org.junit.jupiter.api.AfterAll;

/** The TCK on one pool per test class; every rule's store wraps it with {@link SqlStores#fromDataSource}. */
abstract class PooledSqlTck extends OptilockTck {
    private final HikariDataSource pool;
    private final SqlFlavor flavor;
    private final String name;

    PooledSqlTck(String jdbcUrl, String username, String password, SqlFlavor flavor, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(username);
        config.setPassword(password);
        config.setMaximumPoolSize(20);
        this.pool = new HikariDataSource(config);
        this.flavor = flavor;
        this.name = name;
    }

    @Override
    protected VersionedStore openStore(StoreOptions options) {
        return SqlStores.fromDataSource(pool, flavor, options);
    }

    /** Rules 5.2 and 5.3 on the real database: the TCK's own fault injector loses 10 % of the write responses. */
    @Override
    public VersionedStore openStoreWithLostResponses() {
        SqlBackend backend = new SqlBackend(pool, Dialect.of(flavor), null, ConnectionSettings.timeoutOf(StoreOptions.defaults()), null,
                null);
        return LostResponses.store(backend, 0.1, tck().seed(), StoreOptions.defaults());
    }

    @Override
    protected String backendName() {
        return name;
    }

    @AfterAll
    void closePool() {
        pool.close();
    }
}
