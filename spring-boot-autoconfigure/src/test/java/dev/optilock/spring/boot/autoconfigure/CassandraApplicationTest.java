package dev.optilock.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.env.MockEnvironment;

/**
 * A Spring Boot application on Cassandra, with Spring's JDBC support and a connection pool on its class path (as the
 * starter brings them) but no JDBC database configured: it starts, without a DataSource, on the application's
 * CqlSession from {@code spring.cassandra.*}.
 */
class CassandraApplicationTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {
    }

    @Test
    void should_start_on_the_cql_session_without_a_jdbc_database() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.NONE)
                .properties(TestDatabases.cassandra(TestDatabases.freshKeyspace("boot_app")))
                .run()) {
            assertThat(context.getBeansOfType(DataSource.class)).isEmpty();
            TestDatabases.assertStoreWorks(context, "cassandra");
        }
    }

    @Test
    void should_leave_out_the_data_source_only_when_no_jdbc_database_is_configured() {
        String[] candidates = {DataSourceWithoutDatabaseFilter.DATA_SOURCE_AUTO_CONFIGURATION, OptilockAutoConfiguration.class.getName()};
        DataSourceWithoutDatabaseFilter filter = new DataSourceWithoutDatabaseFilter();
        filter.setBeanClassLoader(getClass().getClassLoader());
        filter.setEnvironment(new MockEnvironment().withProperty("optilock.cassandra.keyspace", "app"));
        assertThat(filter.match(candidates, null)).as("on Cassandra, no JDBC database").containsExactly(false, true);
        filter.setEnvironment(new MockEnvironment());
        assertThat(filter.match(candidates, null)).as("not on Cassandra: Spring Boot decides (a service connection, say)")
                .containsExactly(true, true);
        filter.setEnvironment(new MockEnvironment().withProperty("optilock.cassandra.keyspace", "app")
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/app"));
        assertThat(filter.match(candidates, null)).containsExactly(true, true);
        filter.setEnvironment(new MockEnvironment().withProperty("optilock.cassandra.keyspace", "app")
                .withProperty("spring.datasource.jndi-name", "java:comp/env/jdbc/app"));
        assertThat(filter.match(candidates, null)).containsExactly(true, true);
    }
}
