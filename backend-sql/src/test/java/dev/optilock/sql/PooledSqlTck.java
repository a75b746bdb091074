package dev.optilock.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.StoreOptions;
import dev.optilock.VersionedStore;
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

    @Override
    protected String backendName() {
        return name;
    }

    @AfterAll
    void closePool() {
        pool.close();
    }
}
