package dev.optilock.cql;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import dev.optilock.StoreOptions;
import dev.optilock.VersionedStore;
import dev.optilock.testservers.CassandraServer;
import java.net.InetSocketAddress;
import java.util.function.UnaryOperator;

/** The test JVM's Cassandra server and one shared driver session on it; each test class uses its own keyspace. */
final class TestCassandra {
    private static CqlSession shared;

    private TestCassandra() {
    }

    static CassandraServer server() {
        return CassandraServer.shared();
    }

    /** One session for the whole test JVM (opening one takes about 2 s here); closed when the JVM exits. */
    static synchronized CqlSession session() {
        if (shared == null) {
            shared = newSession(builder -> builder);
            CqlSession session = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(session::close, "close-test-cql-session"));
        }
        return shared;
    }

    /** A new session (the caller closes it), customised by {@code customizer}. */
    static CqlSession newSession(UnaryOperator<CqlSessionBuilder> customizer) {
        CassandraServer server = server();
        return customizer.apply(CqlSession.builder().addContactPoints(server.contactPoints())
                .withLocalDatacenter(server.localDatacenter())).build();
    }

    /** A store on the shared session in {@code keyspace}; cheap to open, and closing it leaves the session open. */
    static VersionedStore store(String keyspace, StoreOptions options) {
        return CqlStores.fromSession(session(), keyspace, options);
    }

    /** A {@code cql://} URL for the test server. */
    static String url(String keyspace) {
        InetSocketAddress first = server().contactPoints().get(0);
        return "cql://" + first.getHostString() + ":" + first.getPort() + "/" + keyspace + "?localDatacenter="
                + server().localDatacenter();
    }
}
