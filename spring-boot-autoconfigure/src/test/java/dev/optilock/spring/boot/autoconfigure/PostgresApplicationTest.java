package dev.optilock.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optilock.Changes;
import dev.optilock.OptimisticLockException;
import dev.optilock.RetryPolicy;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedStore;
import dev.optilock.testservers.PostgresServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Transactional;

/**
 * A Spring Boot application with nothing but {@code spring.datasource.*} for Optilock, on a real PostgreSQL: its
 * {@code @Transactional} methods commit and roll back Optilock's writes and its own JDBC writes as one unit, and the
 * {@code optilock.*} meters count a conflict.
 */
@SpringBootTest(classes = PostgresApplicationTest.Application.class,
        // The test class path has the Cassandra driver (for the other tests); an application on PostgreSQL has none.
        properties = "spring.autoconfigure.exclude=org.springframework.boot.autoconfigure.cassandra.CassandraAutoConfiguration")
class PostgresApplicationTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Accounts.class)
    static class Application {
    }

    /** The application's service: an Optilock write and a JDBC write in one transaction. */
    static class Accounts {
        private final VersionedRepository<Account, String> accounts;
        private final JdbcTemplate jdbc;
        private final RetryPolicy retryPolicy;

        Accounts(VersionedStore store, JdbcTemplate jdbc, RetryPolicy retryPolicy) {
            store.createTable(Account.class);
            jdbc.execute("create table if not exists boot_audit (account text not null)");
            this.accounts = store.repository(Account.class, String.class);
            this.jdbc = jdbc;
            this.retryPolicy = retryPolicy;
        }

        @Transactional
        public void open(String id, boolean fail) {
            accounts.insert(Account.of(id, 10));
            jdbc.update("insert into boot_audit (account) values (?)", id);
            if (fail) throw new IllegalStateException("the caller's failure after both writes");
        }

        @Transactional
        public Account deposit(String id, long amount) {
            return accounts.modify(id, current -> Changes.of("balance", current.balance() + amount), retryPolicy);
        }

        VersionedRepository<Account, String> repository() {
            return accounts;
        }

        int audited(String id) {
            return jdbc.queryForObject("select count(*) from boot_audit where account = ?", Integer.class, id);
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresServer server = PostgresServer.shared();
        String url = server.jdbcUrlForFreshSchema("boot_app");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", server::username);
        registry.add("spring.datasource.password", server::password);
    }

    @Autowired
    Accounts accounts;

    @Autowired
    MeterRegistry registry;

    @Autowired
    VersionedStore store;

    @Test
    void should_commit_and_roll_back_optilock_writes_with_the_application_transaction() {
        assertThat(store.capabilities().backendName()).isEqualTo("postgresql");
        accounts.open("kept", false);
        assertThat(accounts.repository().find("kept")).isPresent();
        assertThat(accounts.audited("kept")).isEqualTo(1);

        assertThatThrownBy(() -> accounts.open("undone", true)).isInstanceOf(IllegalStateException.class);
        assertThat(accounts.repository().find("undone")).as("Optilock's insert rolled back with the transaction").isEmpty();
        assertThat(accounts.audited("undone")).as("the JDBC insert rolled back with it").isZero();

        assertThat(accounts.deposit("kept", 5).balance()).isEqualTo(15L);
    }

    @Test
    void should_show_a_conflict_in_the_meters() {
        accounts.open("metered", false);
        VersionedRepository<Account, String> repository = accounts.repository();
        repository.updateWithVersion("metered", 1L, Changes.of("balance", 11L));
        assertThatThrownBy(() -> repository.updateWithVersion("metered", 1L, Changes.of("balance", 12L)))
                .isInstanceOf(OptimisticLockException.class);
        assertThat(registry.get("optilock.writes").tag("entity", "boot_accounts").tag("outcome", "conflict").counter().count())
                .isGreaterThanOrEqualTo(1.0);
    }
}
