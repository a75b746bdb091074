package dev.optilock.spring.boot.autoconfigure;

import dev.optilock.testservers.CassandraServer;
import java.net.InetSocketAddress;

/** Spring Boot properties that point an application at the test servers. */
final class TestDatabases {
    private TestDatabases() {
    }

    /** {@code spring.cassandra.*} for the test Cassandra, and {@code optilock.cassandra.keyspace} when not null. */
    static String[] cassandra(String keyspace) {
        CassandraServer server = CassandraServer.shared();
        InetSocketAddress contact = server.contactPoints().get(0);
        String contactPoints = "spring.cassandra.contact-points=" + contact.getHostString() + ":" + contact.getPort();
        String datacenter = "spring.cassandra.local-datacenter=" + server.localDatacenter();
        return keyspace == null ? new String[] {contactPoints, datacenter}
                : new String[] {contactPoints, datacenter, "optilock.cassandra.keyspace=" + keyspace};
    }

    /** A fresh keyspace name on the test Cassandra. */
    static String freshKeyspace(String prefix) {
        return CassandraServer.shared().freshKeyspaceName(prefix);
    }
}
