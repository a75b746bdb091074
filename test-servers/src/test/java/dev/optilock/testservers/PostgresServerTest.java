package dev.optilock.testservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

class PostgresServerTest {

    private final PostgresServer server = PostgresServer.shared();

    @Test
    void sharedIsOneServerPerJvm() {
        assertThat(PostgresServer.shared()).isSameAs(server);
        assertThat(server.source()).isIn("environment", "testcontainers", "embedded");
        assertThat(server.jdbcUrl()).startsWith("jdbc:postgresql://");
        if (server.source().equals("embedded")) {
            assertThat(server.jdbcUrl()).matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/postgres");
        }
    }

    @Test
    void answersPlainJdbc() throws SQLException {
        try (Connection connection = connect(server.jdbcUrl());
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select version()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("PostgreSQL");
            if (server.source().equals("embedded")) {
                assertThat(rs.getString(1)).startsWith("PostgreSQL 17.");
            }
        }
    }

    @Test
    void freshSchemasAreIsolated() throws SQLException {
        String first = server.jdbcUrlForFreshSchema("t_");
        String second = server.jdbcUrlForFreshSchema("t_");
        assertThat(first).isNotEqualTo(second).contains("currentSchema=t_");

        try (Connection connection = connect(first); Statement statement = connection.createStatement()) {
            statement.execute("create table item (id int primary key, name text)");
            statement.execute("insert into item values (1, 'one')");
            try (ResultSet rs = statement.executeQuery("select current_schema(), count(*) from item group by 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(first).endsWith("currentSchema=" + rs.getString(1));
                assertThat(rs.getInt(2)).isEqualTo(1);
            }
        }
        try (Connection connection = connect(second); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("select * from item"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("item");
            try (ResultSet rs = statement.executeQuery("select to_regclass('item') is null")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1)).isTrue();
            }
        }
    }

    @Test
    void rejectsBadPrefixes() {
        assertThatThrownBy(() -> server.jdbcUrlForFreshSchema("1abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.jdbcUrlForFreshSchema("a-b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.jdbcUrlForFreshSchema("a\"; drop")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.jdbcUrlForFreshSchema("pg_x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.jdbcUrlForFreshSchema("x".repeat(48))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void masksPasswordsInUrls() {
        assertThat(PostgresServer.masked("jdbc:postgresql://h/db?user=u&password=secret&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?user=u&password=***&ssl=true");
    }

    private Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, server.username(), server.password());
    }
}
