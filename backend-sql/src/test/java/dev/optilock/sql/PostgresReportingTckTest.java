package dev.optilock.sql;

import dev.optilock.StoreOptions;
import dev.optilock.VersionedStore;
import dev.optilock.testservers.PostgresServer;

/**
 * The whole TCK on PostgreSQL with {@code writeStatement=reporting} (one data-modifying CTE per conditional write that
 * reports the row it met), the statement the default replaced; report: target/optilock-tck/postgresql-reporting.json.
 */
class PostgresReportingTckTest extends PooledSqlTck {
    PostgresReportingTckTest() {
        super(PostgresServer.shared().jdbcUrlForFreshSchema("tck_reporting"), PostgresServer.shared().username(),
                PostgresServer.shared().password(), SqlFlavor.POSTGRESQL, "postgresql-reporting");
    }

    @Override
    protected VersionedStore openStore(StoreOptions options) {
        return super.openStore(options.mutate().property("writeStatement", "reporting").build());
    }
}
