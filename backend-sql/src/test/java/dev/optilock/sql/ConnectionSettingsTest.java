package dev.optilock.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optilock.StoreOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectionSettingsTest {

    @Test
    void should_apply_defaults() {
        ConnectionSettings settings = ConnectionSettings.parse(Dialect.of(SqlFlavor.POSTGRESQL), "jdbc:postgresql://db.example.com/shop",
                StoreOptions.defaults());
        assertThat(settings.poolSize()).isEqualTo(10);
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.schema()).isNull();
        assertThat(settings.driverUrl()).isEqualTo("jdbc:postgresql://db.example.com/shop");
        assertThat(settings.location()).isEqualTo("PostgreSQL at db.example.com:5432 (database shop)");
    }

    @Test
    void should_take_optilock_parameters_out_of_a_postgresql_url_and_leave_the_driver_ones() {
        ConnectionSettings settings = ConnectionSettings.parse(Dialect.of(SqlFlavor.POSTGRESQL),
                "jdbc:postgresql://10.0.0.1:6543,10.0.0.2/shop?sslmode=require&poolSize=3&Timeout=250ms&schema=sales&currentSchema=x",
                StoreOptions.defaults());
        assertThat(settings.driverUrl()).isEqualTo("jdbc:postgresql://10.0.0.1:6543,10.0.0.2/shop?sslmode=require&currentSchema=x");
        assertThat(settings.poolSize()).isEqualTo(3);
        assertThat(settings.timeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.schema()).isEqualTo("sales");
        assertThat(settings.location()).isEqualTo("PostgreSQL at 10.0.0.1:6543 and 1 other host(s) (database shop)");
        assertThat(settings.driverSets("currentschema")).isTrue();
        assertThat(settings.driverSets("socketTimeout")).isFalse();
    }

    @Test
    void should_take_optilock_settings_out_of_an_h2_url() {
        ConnectionSettings settings = ConnectionSettings.parse(Dialect.of(SqlFlavor.H2), "jdbc:h2:mem:test;DB_CLOSE_DELAY=-1;POOLSIZE=4;timeout=PT2S",
                StoreOptions.defaults());
        assertThat(settings.driverUrl()).isEqualTo("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1");
        assertThat(settings.poolSize()).isEqualTo(4);
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.location()).isEqualTo("H2 in-process database mem:test");
        assertThat(ConnectionSettings.parse(Dialect.of(SqlFlavor.H2), "jdbc:h2:tcp://h2.example.com/~/data", StoreOptions.defaults()).location())
                .isEqualTo("H2 at h2.example.com:9092 (database ~/data)");
    }

    @Test
    void should_prefer_store_options_to_properties_and_properties_to_the_url() {
        StoreOptions options = StoreOptions.builder().poolSize(7).property("timeout", "2m").property("schema", "s2")
                .property("ssl", "true").build();
        ConnectionSettings settings = ConnectionSettings.parse(Dialect.of(SqlFlavor.POSTGRESQL),
                "jdbc:postgresql://localhost/db?poolSize=3&timeout=1s&schema=s1", options);
        assertThat(settings.poolSize()).isEqualTo(7);
        assertThat(settings.timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.schema()).isEqualTo("s2");
        assertThat(settings.driverProperties()).containsExactly(java.util.Map.entry("ssl", "true"));
        assertThat(ConnectionSettings.parse(Dialect.of(SqlFlavor.POSTGRESQL), "jdbc:postgresql://localhost/db?timeout=1s",
                StoreOptions.builder().timeout(Duration.ofSeconds(9)).build()).timeout()).isEqualTo(Duration.ofSeconds(9));
    }

    @Test
    void should_reject_malformed_options_without_showing_the_password() {
        assertThatThrownBy(() -> ConnectionSettings.parse(Dialect.of(SqlFlavor.POSTGRESQL), "jdbc:postgresql://h/db?poolSize=0&password=hunter2",
                StoreOptions.defaults())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("poolSize")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> ConnectionSettings.parse(Dialect.of(SqlFlavor.H2), "jdbc:h2:mem:x;timeout=10", StoreOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("500ms");
        assertThatThrownBy(() -> ConnectionSettings.parse(Dialect.of(SqlFlavor.POSTGRESQL), "jdbc:mysql://h/db?password=hunter2",
                StoreOptions.defaults())).isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("hunter2");
    }
}
