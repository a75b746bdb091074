package dev.optilock.sql;

/** The whole TCK on an in-memory H2 database; report: target/optilock-tck/h2.json. */
class H2TckTest extends PooledSqlTck {
    H2TckTest() {
        super("jdbc:h2:mem:tck" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", null, null, SqlFlavor.H2, "h2");
    }
}
