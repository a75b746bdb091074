package dev.optilock.testservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LossyPostgresProxyTest {
    private final PostgresServer server = PostgresServer.shared();
    private final String url = server.jdbcUrlForFreshSchema("proxy");

    @BeforeEach
    void table() throws SQLException {
        try (Connection direct = connect(url)) {
            direct.createStatement().execute("create table counters (id text primary key, value bigint not null)");
            direct.createStatement().execute("insert into counters values ('a', 0)");
        }
    }

    @Test
    void should_pass_everything_when_nothing_is_to_be_lost() throws SQLException {
        try (LossyPostgresProxy proxy = LossyPostgresProxy.inFrontOf(url, 0, 1);
             Connection proxied = connect(proxy.proxied(url));
             PreparedStatement update = proxied.prepareStatement("update counters set value = value + 1 where id = ?")) {
            for (int i = 0; i < 10; i++) { // past pgjdbc's prepareThreshold: named server-side statements
                update.setString(1, "a");
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
            assertThat(value(proxied)).isEqualTo(10);
            assertThat(proxy.writes()).isEqualTo(10);
            assertThat(proxy.lostResponses()).isZero();
        }
    }

    @Test
    void should_apply_a_write_and_lose_its_response_with_the_connection() throws SQLException {
        try (LossyPostgresProxy proxy = LossyPostgresProxy.inFrontOf(url, 1, 1);
             Connection proxied = connect(proxy.proxied(url))) {
            assertThat(value(proxied)).as("reads pass").isZero();
            try (PreparedStatement update = proxied.prepareStatement("update counters set value = 7 where id = ?")) {
                update.setString(1, "a");
                assertThatThrownBy(update::executeUpdate).isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).startsWith("08"));
            }
            assertThat(proxy.lostResponses()).isEqualTo(1);
        }
        try (Connection direct = connect(url)) {
            assertThat(value(direct)).as("the server applied and committed the write").isEqualTo(7);
        }
    }

    @Test
    void should_roll_back_a_write_of_a_transaction_whose_response_was_lost() throws SQLException {
        try (LossyPostgresProxy proxy = LossyPostgresProxy.inFrontOf(url, 1, 1);
             Connection proxied = connect(proxy.proxied(url))) {
            proxied.setAutoCommit(false);
            try (PreparedStatement update = proxied.prepareStatement("update counters set value = 9 where id = ?")) {
                update.setString(1, "a");
                assertThatThrownBy(update::executeUpdate).isInstanceOf(SQLException.class);
            }
        }
        try (Connection direct = connect(url)) {
            assertThat(value(direct)).as("the server rolled the transaction back with the connection").isZero();
        }
    }

    @Test
    void should_reject_what_is_not_a_postgresql_url_or_a_rate() {
        assertThatThrownBy(() -> LossyPostgresProxy.inFrontOf("jdbc:h2:mem:x", 0.1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbcUrl");
        assertThatThrownBy(() -> LossyPostgresProxy.inFrontOf(url, 1.5, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lossRate");
    }

    private Connection connect(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, server.username(), server.password());
    }

    private static long value(Connection connection) throws SQLException {
        try (ResultSet rows = connection.createStatement().executeQuery("select value from counters where id = 'a'")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
