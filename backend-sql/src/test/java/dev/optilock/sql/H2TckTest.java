package dev.optilock.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.StoreOptions;
import dev.optilock.VersionedStore;
import dev.optilock.tck.OptilockTck;
import org.junit.jupiter.api.AfterAll;

/** The whole TCK on an in-memory H2 database; report: target/optilock-tck/h2.json. */
class H2TckTest extends OptilockTck {
    private final HikariDataSource pool;

    H2TckTest() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:tck" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        config.setMaximumPoolSize(20);
        pool = new HikariDataSource(config);
    }

    @Override
    protected VersionedStore openStore(StoreOptions options) {
        return SqlStores.fromDataSource(pool, SqlFlavor.H2, options);
    }

    @Override
    protected String backendName() {
        return "h2";
    }

    @AfterAll
    void closePool() {
        pool.close();
    }
}
