package dev.optilock.examples.boot;

import dev.optilock.testservers.CassandraServer;
import java.net.InetSocketAddress;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample on a real Cassandra, through spring.cassandra.* and optilock.cassandra.keyspace. The sample carries H2
 * for its default run, so this test leaves the JDBC DataSource out explicitly; an application on Cassandra alone has
 * no JDBC database and needs no such line.
 */
class StockServiceOnCassandraTest extends StockServiceContract {
    @DynamicPropertySource
    static void cassandra(DynamicPropertyRegistry registry) {
        CassandraServer server = CassandraServer.shared();
        InetSocketAddress contact = server.contactPoints().get(0);
        String keyspace = server.freshKeyspaceName("stock");
        registry.add("spring.autoconfigure.exclude", () -> "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration");
        registry.add("spring.cassandra.contact-points", () -> contact.getHostString() + ":" + contact.getPort());
        registry.add("spring.cassandra.local-datacenter", server::localDatacenter);
        registry.add("optilock.cassandra.keyspace", () -> keyspace);
    }

    @Override
    String backendName() {
        return "cassandra";
    }
}
