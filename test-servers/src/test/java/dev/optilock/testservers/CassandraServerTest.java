package dev.optilock.testservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

class CassandraServerTest {

    private static CassandraServer server;
    private static CqlSession session;

    @BeforeAll
    static void connect() {
        server = CassandraServer.shared();
        session = CqlSession.builder()
                .addContactPoints(server.contactPoints())
                .withLocalDatacenter(server.localDatacenter())
                .build();
    }

    @AfterAll
    static void close() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void sharedIsOneServerPerJvm() {
        assertThat(CassandraServer.shared()).isSameAs(server);
        assertThat(server.source()).isIn("environment", "testcontainers", "embedded");
        assertThat(server.contactPoints()).isNotEmpty();
        if (server.source().equals("embedded")) {
            assertThat(server.localDatacenter()).isEqualTo("datacenter1");
            assertThat(ProcessHandle.of(server.processId())).isPresent();
            Row row = session.execute("SELECT release_version FROM system.local").one();
            assertThat(row.getString("release_version")).startsWith("5.0.");
        } else {
            assertThatThrownBy(server::processId).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void lightweightTransactions() {
        String keyspace = server.freshKeyspaceName("t_");
        schemaChange("CREATE KEYSPACE " + keyspace + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        schemaChange("CREATE TABLE " + keyspace + ".item (id text PRIMARY KEY, version bigint, name text)");

        String insert = "INSERT INTO " + keyspace + ".item (id, version, name) VALUES (?, ?, ?) IF NOT EXISTS";
        ResultSet first = session.execute(SimpleStatement.newInstance(insert, "a", 1L, "first"));
        assertThat(first.wasApplied()).isTrue();

        ResultSet second = session.execute(SimpleStatement.newInstance(insert, "a", 2L, "second"));
        assertThat(second.wasApplied()).isFalse();
        Row existing = second.one();
        assertThat(existing.getLong("version")).isEqualTo(1L);
        assertThat(existing.getString("name")).isEqualTo("first");

        Row read = session.execute(SimpleStatement
                .newInstance("SELECT version, name FROM " + keyspace + ".item WHERE id = ?", "a")
                .setConsistencyLevel(ConsistencyLevel.SERIAL)).one();
        assertThat(read).isNotNull();
        assertThat(read.getLong("version")).isEqualTo(1L);
        assertThat(read.getString("name")).isEqualTo("first");

        schemaChange("DROP KEYSPACE " + keyspace);
    }

    /**
     * A schema change, with more time than the driver's 2 s default: on a loaded 2-core machine a freshly started
     * node took longer than that to drop a keyspace (seen in a CI run), which says nothing about the server.
     */
    private static void schemaChange(String cql) {
        session.execute(SimpleStatement.newInstance(cql).setTimeout(Duration.ofSeconds(30)));
    }

    @Test
    void freshKeyspaceNames() {
        String a = server.freshKeyspaceName("Orders_");
        String b = server.freshKeyspaceName("orders_");
        assertThat(a).isNotEqualTo(b).matches("orders_[0-9a-f]{16}");
        assertThat(server.freshKeyspaceName("k".repeat(32))).hasSize(48);
        assertThatThrownBy(() -> server.freshKeyspaceName("k".repeat(33))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.freshKeyspaceName("_x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.freshKeyspaceName("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesContactPoints() {
        assertThat(CassandraServer.parseContactPoints(" 127.0.0.1:9142, localhost ,[::1]:9043"))
                .containsExactly(new InetSocketAddress("127.0.0.1", 9142), new InetSocketAddress("localhost", 9042),
                        new InetSocketAddress("::1", 9043));
        assertThat(CassandraServer.parseContactPoints("10.0.0.1")).isEqualTo(List.of(new InetSocketAddress("10.0.0.1", 9042)));
        assertThatThrownBy(() -> CassandraServer.parseContactPoints("h:x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CassandraServer.parseContactPoints(" , ")).isInstanceOf(IllegalArgumentException.class);
    }
}
