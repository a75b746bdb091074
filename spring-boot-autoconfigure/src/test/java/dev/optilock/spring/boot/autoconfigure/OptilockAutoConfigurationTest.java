package dev.optilock.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optilock.Changes;
import dev.optilock.OptimisticLockException;
import dev.optilock.RetryPolicy;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedStore;
import dev.optilock.VersionedStores;
import dev.optilock.testservers.PostgresServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.cassandra.CassandraAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Every condition of the auto-configuration, each on a real database where it needs one. */
class OptilockAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(OptilockAutoConfiguration.class));

    @Test
    void should_open_the_store_from_optilock_url_with_the_default_retry_policy() {
        runner.withPropertyValues("optilock.url=optilock:mem:boot-" + UUID.randomUUID()).run(context -> {
            assertThat(context).hasSingleBean(VersionedStore.class);
            assertThat(context.getBean(VersionedStore.class).capabilities().backendName()).isEqualTo("memory");
            assertThat(context.getBean(RetryPolicy.class)).isEqualTo(RetryPolicy.DEFAULT);
        });
    }

    @Test
    void should_bind_the_retry_policy_and_the_store_options() {
        runner.withPropertyValues("optilock.url=optilock:mem:boot-" + UUID.randomUUID(), "optilock.retry.attempts=3",
                "optilock.retry.initial-backoff=2ms", "optilock.retry.multiplier=1.5", "optilock.retry.max-backoff=40ms",
                "optilock.retry.jitter=0.25", "optilock.timeout=2s", "optilock.password=s3cret").run(context -> {
            assertThat(context.getBean(RetryPolicy.class))
                    .isEqualTo(new RetryPolicy(3, Duration.ofMillis(2), 1.5, Duration.ofMillis(40), 0.25));
            assertThat(context.getBean(OptilockProperties.class).getTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(context.getBean(OptilockProperties.class).toString()).doesNotContain("s3cret");
        });
    }

    @Test
    void should_refuse_a_retry_policy_that_cannot_be() {
        runner.withPropertyValues("optilock.url=optilock:mem:boot-" + UUID.randomUUID(), "optilock.retry.attempts=0")
                .run(context -> assertThat(context).getFailure().rootCause().isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("maxAttempts"));
    }

    @Test
    void should_back_off_when_the_application_defines_its_own_store_and_policy() {
        VersionedStore own = VersionedStores.open("optilock:mem:own-" + UUID.randomUUID());
        runner.withPropertyValues("optilock.url=optilock:mem:ignored")
                .withBean(VersionedStore.class, () -> own).withBean(RetryPolicy.class, () -> RetryPolicy.NONE)
                .run(context -> {
                    assertThat(context).hasSingleBean(VersionedStore.class);
                    assertThat(context.getBean(VersionedStore.class)).isSameAs(own);
                    assertThat(context.getBean(RetryPolicy.class)).isSameAs(RetryPolicy.NONE);
                });
        own.close();
    }

    @Test
    void should_fail_to_start_with_a_clear_error_when_there_is_no_database() {
        runner.run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            assertThat(failure).rootCause().isInstanceOf(NoStoreConfiguredException.class)
                    .hasMessageContaining("optilock.url").hasMessageContaining("spring.datasource.url")
                    .hasMessageContaining("optilock.cassandra.keyspace");
            FailureAnalysis analysis = new NoStoreConfiguredFailureAnalyzer().analyze(failure);
            assertThat(analysis).isNotNull();
            assertThat(analysis.getAction()).contains("spring.cassandra.contact-points");
        });
    }

    @Test
    void should_open_the_store_on_the_data_source_and_join_its_transactions() {
        PostgresServer server = PostgresServer.shared();
        runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + server.jdbcUrlForFreshSchema("boot"),
                        "spring.datasource.username=" + server.username(), "spring.datasource.password=" + server.password())
                .run(context -> {
                    VersionedStore store = context.getBean(VersionedStore.class);
                    assertThat(store.capabilities().backendName()).isEqualTo("postgresql");
                    store.createTable(Account.class);
                    VersionedRepository<Account, String> accounts = store.repository(Account.class, String.class);
                    TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));

                    transaction.executeWithoutResult(status -> {
                        accounts.insert(Account.of("rolled-back", 1));
                        status.setRollbackOnly();
                    });
                    assertThat(accounts.find("rolled-back")).as("rolled back with Spring's transaction").isEmpty();

                    accounts.insert(Account.of("a", 1));
                    transaction.executeWithoutResult(status -> {
                        accounts.updateWithVersion("a", 1L, Changes.of("balance", 2L));
                        // A conflict inside the transaction leaves it usable: the next write commits with it.
                        assertThatThrownBy(() -> accounts.updateWithVersion("a", 1L, Changes.of("balance", 9L)))
                                .isInstanceOf(OptimisticLockException.class);
                        accounts.insert(Account.of("b", 5));
                    });
                    assertThat(accounts.find("a")).get().extracting(Account::balance).isEqualTo(2L);
                    assertThat(accounts.find("b")).isPresent();
                });
    }

    @Test
    void should_open_the_store_on_the_cql_session_in_the_configured_keyspace() {
        runner.withConfiguration(AutoConfigurations.of(CassandraAutoConfiguration.class))
                .withPropertyValues(TestDatabases.cassandra(TestDatabases.freshKeyspace("boot")))
                .run(context -> TestDatabases.assertStoreWorks(context, "cassandra"));
    }

    @Test
    void should_fail_to_start_on_a_cql_session_without_a_keyspace() {
        runner.withConfiguration(AutoConfigurations.of(CassandraAutoConfiguration.class))
                .withPropertyValues(TestDatabases.cassandra(null))
                .run(context -> assertThat(context).getFailure().rootCause().isInstanceOf(NoStoreConfiguredException.class)
                        .hasMessageContaining("optilock.cassandra.keyspace"));
    }

    @Test
    void should_count_writes_by_outcome_in_the_application_meter_registry() {
        runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
                        CompositeMeterRegistryAutoConfiguration.class, OptilockMetricsAutoConfiguration.class))
                .withPropertyValues("optilock.url=optilock:mem:boot-metrics-" + UUID.randomUUID())
                .run(context -> {
                    VersionedStore store = context.getBean(VersionedStore.class);
                    store.createTable(Account.class);
                    VersionedRepository<Account, String> accounts = store.repository(Account.class, String.class);
                    accounts.insert(Account.of("a", 1));
                    accounts.updateWithVersion("a", 1L, Changes.of("balance", 2L));
                    assertThatThrownBy(() -> accounts.updateWithVersion("a", 1L, Changes.of("balance", 3L)))
                            .isInstanceOf(OptimisticLockException.class);
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.get("optilock.writes").tag("entity", "boot_accounts").tag("outcome", "conflict")
                            .counter().count()).isEqualTo(1.0);
                    assertThat(registry.get("optilock.writes").tag("outcome", "applied").counters().stream()
                            .mapToDouble(io.micrometer.core.instrument.Counter::count).sum()).isEqualTo(2.0);
                });
    }

    @Test
    void should_not_add_meters_without_a_meter_registry() {
        runner.withConfiguration(AutoConfigurations.of(OptilockMetricsAutoConfiguration.class))
                .withPropertyValues("optilock.url=optilock:mem:boot-" + UUID.randomUUID())
                .run(context -> assertThat(context).doesNotHaveBean(dev.optilock.micrometer.OptilockMetrics.class));
    }

    @Test
    void should_report_the_store_up_with_its_backend_and_capabilities_and_down_when_its_database_is_gone() {
        PostgresServer server = PostgresServer.shared();
        String url = server.jdbcUrlForFreshSchema("boot_health");
        try (dev.optilock.testservers.LossyPostgresProxy proxy = dev.optilock.testservers.LossyPostgresProxy.inFrontOf(url, 0, 1)) {
            runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, OptilockHealthAutoConfiguration.class))
                    .withPropertyValues("spring.datasource.url=" + proxy.proxied(url), "spring.datasource.username=" + server.username(),
                            "spring.datasource.password=" + server.password(), "spring.datasource.hikari.connection-timeout=500")
                    .run(context -> {
                        OptilockHealthIndicator health = context.getBean(OptilockHealthIndicator.class);
                        org.springframework.boot.actuate.health.Health up = health.health();
                        assertThat(up.getStatus()).isEqualTo(org.springframework.boot.actuate.health.Status.UP);
                        // Only these details: never the URL or credentials.
                        assertThat(up.getDetails()).containsOnlyKeys("backend", "capabilities", "pingMillis")
                                .containsEntry("backend", "postgresql");
                        assertThat(up.getDetails().toString()).doesNotContain("jdbc:");
                        proxy.close(); // the database is gone: connections reset, new ones refused
                        org.springframework.boot.actuate.health.Health down = health.health();
                        assertThat(down.getStatus()).isEqualTo(org.springframework.boot.actuate.health.Status.DOWN);
                        assertThat(down.getDetails()).containsEntry("backend", "postgresql").containsKey("error");
                    });
        }
    }

    @Test
    void should_leave_the_health_indicator_out_when_disabled() {
        runner.withConfiguration(AutoConfigurations.of(OptilockHealthAutoConfiguration.class))
                .withPropertyValues("optilock.url=optilock:mem:boot-" + UUID.randomUUID(), "management.health.optilock.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(OptilockHealthIndicator.class));
    }
}
