package dev.optilock.examples.boot;

/** The sample as it runs by default: the embedded H2 of application.properties. */
// The test class path has the Cassandra driver (for StockServiceOnCassandraTest); without this, Actuator's Cassandra
// health contributor would connect to a Cassandra that this run does not have. The sample itself has no driver.
@org.springframework.test.context.TestPropertySource(properties =
        "spring.autoconfigure.exclude=org.springframework.boot.autoconfigure.cassandra.CassandraAutoConfiguration")
class StockServiceOnH2Test extends StockServiceContract {
    @Override
    String backendName() {
        return "h2";
    }
}
