package dev.optilock.examples.boot;

import dev.optilock.testservers.PostgresServer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sample on a real PostgreSQL, through spring.datasource.* only. */
// The test class path has the Cassandra driver (for StockServiceOnCassandraTest); without this, Actuator's Cassandra
// health contributor would connect to a Cassandra that this run does not have. The sample itself has no driver.
@org.springframework.test.context.TestPropertySource(properties =
        "spring.autoconfigure.exclude=org.springframework.boot.autoconfigure.cassandra.CassandraAutoConfiguration")
class StockServiceOnPostgresTest extends StockServiceContract {
    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresServer server = PostgresServer.shared();
        String url = server.jdbcUrlForFreshSchema("stock");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", server::username);
        registry.add("spring.datasource.password", server::password);
    }

    @Override
    String backendName() {
        return "postgresql";
    }
}
