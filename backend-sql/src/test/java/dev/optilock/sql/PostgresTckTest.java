package dev.optilock.sql;

import dev.optilock.testservers.PostgresServer;

/** The whole TCK on a real PostgreSQL, in a fresh schema; report: target/optilock-tck/postgresql.json. */
class PostgresTckTest extends PooledSqlTck {
    PostgresTckTest() {
        super(PostgresServer.shared().jdbcUrlForFreshSchema("tck"), PostgresServer.shared().username(),
                PostgresServer.shared().password(), SqlFlavor.POSTGRESQL, "postgresql");
    }
}
