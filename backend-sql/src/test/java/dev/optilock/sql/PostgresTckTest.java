package dev.optilock.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.StoreOptions;
import dev.optilock.VersionedStore;
import dev.optilock.tck.OptilockTck;
import dev.optilock.testservers.PostgresServer;
import org.junit.jupiter.api.AfterAll;

/** The whole TCK on a real PostgreSQL, in a fresh schema; report: target/optilock-tck/postgresql.json. */
class PostgresTckTest extends OptilockTck {
    private final HikariDataSource pool;

    PostgresTckTest() {
        PostgresServer server = PostgresServer.shared();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrlForFreshSchema("tck"));
        config.setUsername(server.username());
        config.setPassword(server.password());
        config.setMaximumPoolSize(20);
        pool = new HikariDataSource(config);
    }

    @Override
    protected VersionedStore openStore(StoreOptions options) {
        return SqlStores.fromDataSource(pool, SqlFlavor.POSTGRESQL, options);
    }

    @Override
    protected String backendName() {
        return "postgresql";
    }

    @AfterAll
    void closePool() {
        pool.close();
    }
}
