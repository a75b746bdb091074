package dev.optilock.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optilock.Changes;
import dev.optilock.RetryPolicy;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedStore;
import dev.optilock.testservers.CassandraServer;
import java.net.InetSocketAddress;
import org.springframework.beans.factory.BeanFactory;

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

    /** The context's store is on {@code backend} and works: a table, an insert, a {@code modify} with the policy bean. */
    static void assertStoreWorks(BeanFactory context, String backend) {
        VersionedStore store = context.getBean(VersionedStore.class);
        assertThat(store.capabilities().backendName()).isEqualTo(backend);
        store.createTable(Account.class);
        VersionedRepository<Account, String> accounts = store.repository(Account.class, String.class);
        accounts.insert(Account.of("a", 1));
        assertThat(accounts.modify("a", current -> Changes.of("balance", current.balance() + 1),
                context.getBean(RetryPolicy.class)).balance()).isEqualTo(2L);
    }
}
