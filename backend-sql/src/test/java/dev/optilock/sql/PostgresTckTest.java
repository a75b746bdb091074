package dev.optilock.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.StoreOptions;
import dev.optilock.VersionedStore;
import dev.optilock.tck.ExternalFaults;
import dev.optilock.testservers.LossyPostgresProxy;
import dev.optilock.testservers.PostgresServer;

/**
 * The whole TCK on a real PostgreSQL, in a fresh schema; report: target/optilock-tck/postgresql.json. Rules 5.2 and
 * 5.3 run through a {@link LossyPostgresProxy} that loses the responses to 10 % of the writes and resets their
 * connections, so that pgjdbc's own errors meet the store's error mapping and settlement.
 */
class PostgresTckTest extends PooledSqlTck {
    private static final String URL = PostgresServer.shared().jdbcUrlForFreshSchema("tck");

    PostgresTckTest() {
        super(URL, PostgresServer.shared().username(), PostgresServer.shared().password(), SqlFlavor.POSTGRESQL, "postgresql");
    }

    @Override
    public VersionedStore openStoreWithLostResponses() {
        LossyPostgresProxy proxy = LossyPostgresProxy.inFrontOf(URL, 0.1, tck().seed());
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(proxy.proxied(URL));
        config.setUsername(PostgresServer.shared().username());
        config.setPassword(PostgresServer.shared().password());
        config.setMaximumPoolSize(8);
        HikariDataSource pool = new HikariDataSource(config);
        VersionedStore store = SqlStores.fromDataSource(pool, SqlFlavor.POSTGRESQL, StoreOptions.defaults());
        return ExternalFaults.store(store, () -> {
            pool.close();
            proxy.close();
        });
    }
}
