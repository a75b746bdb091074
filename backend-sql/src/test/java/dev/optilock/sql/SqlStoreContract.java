package dev.optilock.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.BackendException;
import dev.optilock.Capability;
import dev.optilock.Changes;
import dev.optilock.ColumnType;
import dev.optilock.Condition;
import dev.optilock.EntityNotFoundException;
import dev.optilock.EntitySpec;
import dev.optilock.OptimisticLockException;
import dev.optilock.RetryPolicy;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.StoreOptions;
import dev.optilock.VersionKind;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedStore;
import dev.optilock.VersionedStores;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What is specific to the SQL backend, on every dialect, through the public API: capabilities, DDL, the failure for
 * a missing table, decimal scale, statements per operation, bound values and stable statement texts, options in the
 * URL. The semantics every backend shares (round trips, conditions, versions, races) are the TCK's, which
 * {@code H2TckTest} and {@code PostgresTckTest} run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SqlStoreContract {
    private static final AtomicInteger NAMES = new AtomicInteger();

    protected VersionedStore store;

    /** The URL of a fresh database (or schema) for this test class. */
    protected abstract String url();

    protected abstract StoreOptions.Builder credentials();

    protected abstract SqlFlavor flavor();

    @BeforeAll
    void openStores() {
        store = VersionedStores.open(url(), credentials().poolSize(16).build());
    }

    @AfterAll
    void closeStores() {
        if (store != null) store.close();
    }

    /** A fresh table name. */
    protected static String table(String prefix) {
        return prefix + "_" + NAMES.incrementAndGet();
    }

    /** A pool on the same database, owned by the test. */
    protected HikariDataSource pool(int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url());
        StoreOptions options = credentials().build();
        options.username().ifPresent(config::setUsername);
        options.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(size);
        return new HikariDataSource(config);
    }

    // ---- capabilities, tables ----

    @Test
    void should_report_its_name_and_whole_rows_on_conflict_but_not_definitive_reads() {
        assertThat(store.capabilities().backendName()).isEqualTo(flavor().backendName());
        assertThat(store.capabilities().has(Capability.CURRENT_ROW_ON_CONFLICT)).isTrue();
        assertThat(store.capabilities().has(Capability.DEFINITIVE_READS)).isFalse();
    }

    @Test
    void should_create_tables_idempotently_and_reject_a_table_that_lacks_a_column() {
        String name = table("created");
        EntitySpec narrow = EntitySpec.builder(name).partitionKey("id", ColumnType.TEXT).version("version", VersionKind.LONG).build();
        EntitySpec wide = EntitySpec.builder(name).partitionKey("id", ColumnType.TEXT).column("extra", ColumnType.INT)
                .version("version", VersionKind.LONG).build();
        store.createTable(narrow);
        store.createTable(narrow);
        assertThatThrownBy(() -> store.createTable(wide)).isInstanceOf(BackendException.class)
                .hasMessageContaining(name).hasMessageContaining("another definition");
    }

    @Test
    void should_fail_clearly_when_the_table_does_not_exist() {
        EntitySpec missing = EntitySpec.builder(table("missing")).partitionKey("id", ColumnType.TEXT)
                .version("version", VersionKind.LONG).build();
        VersionedRepository<Row, PrimaryKey> rows = store.rows(missing);
        assertThatThrownBy(() -> rows.find(PrimaryKey.of("a"))).isInstanceOf(BackendException.class)
                .hasMessageContaining(missing.table()).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> rows.insert(Row.builder().set("id", "a").build())).isInstanceOf(BackendException.class)
                .hasMessageContaining("does not exist");
    }

    // ---- values ----

    private EntitySpec allTypes(String name) {
        return EntitySpec.builder(name).partitionKey("id", ColumnType.TEXT)
                .column("text", ColumnType.TEXT).column("i", ColumnType.INT).column("l", ColumnType.BIGINT)
                .column("b", ColumnType.BOOLEAN).column("d", ColumnType.DOUBLE).column("dec", ColumnType.DECIMAL)
                .column("u", ColumnType.UUID).column("ts", ColumnType.TIMESTAMP).column("bytes", ColumnType.BYTES)
                .column("note", ColumnType.TEXT).version("version", VersionKind.LONG).build();
    }

    @Test
    void should_keep_the_scale_of_decimals_where_the_database_does() {
        EntitySpec spec = allTypes(table("scale"));
        store.createTable(spec);
        VersionedRepository<Row, PrimaryKey> rows = store.rows(spec);
        rows.insert(Row.builder().set("id", "a").set("dec", new BigDecimal("1.50")).build());
        BigDecimal found = rows.find(PrimaryKey.of("a")).orElseThrow().getDecimal("dec");
        assertThat(found).isEqualByComparingTo("1.50");
        if (flavor() == SqlFlavor.POSTGRESQL) assertThat(found).isEqualTo(new BigDecimal("1.50"));
    }

    // ---- statements ----

    /** Statements per operation, measured at the driver; {@code [expected on PostgreSQL, expected on H2]}. */
    @Test
    void should_issue_one_statement_per_uncontended_conditional_write() {
        withCountedAccounts(2, (counting, accounts) -> {
            String id = "count-" + UUID.randomUUID();
            Map<String, Integer> measured = new LinkedHashMap<>();
            measure(counting, measured, "insert", () -> accounts.insert(Account.of(id, "ada", 0)));
            measure(counting, measured, "find", () -> accounts.find(id));
            measure(counting, measured, "updateWithVersion", () -> accounts.updateWithVersion(id, 1L, Changes.of("balance", 1L)));
            measure(counting, measured, "conditional update", () -> accounts.update(id, Changes.of("owner", "bob"),
                    Condition.greaterThanOrEqualTo("balance", 1L)));
            measure(counting, measured, "updateIfExists", () -> accounts.updateIfExists(id, Changes.none().increment("balance", 1L)));
            measure(counting, measured, "updateWithVersion conflict", () -> {
                assertThatThrownBy(() -> accounts.updateWithVersion(id, 1L, Changes.of("balance", 1L)))
                        .isInstanceOf(OptimisticLockException.class);
            });
            measure(counting, measured, "conditional update not applied", () -> accounts.update(id, Changes.of("owner", "x"),
                    Condition.lessThan("balance", 0L)));
            measure(counting, measured, "insert conflict", () -> accounts.insertIfAbsent(Account.of(id, "ada", 0)));
            measure(counting, measured, "deleteWithVersion conflict", () -> {
                assertThatThrownBy(() -> accounts.deleteWithVersion(id, 3L)).isInstanceOf(OptimisticLockException.class);
            });
            measure(counting, measured, "deleteWithVersion", () -> accounts.deleteWithVersion(id, 4L));
            measure(counting, measured, "updateWithVersion not found", () -> {
                assertThatThrownBy(() -> accounts.updateWithVersion(id, 4L, Changes.of("balance", 1L)))
                        .isInstanceOf(EntityNotFoundException.class);
            });
            System.out.println("[" + flavor().backendName() + "] statements per operation: " + measured);
            // Applied writes: one statement. Refused updates and deletes: the write and a probe of the row it met
            // (writeStatement=probe, the default). A taken key: one ON CONFLICT DO NOTHING statement on PostgreSQL,
            // a duplicate key and a read on H2.
            int insertConflict = flavor() == SqlFlavor.POSTGRESQL ? 1 : 2;
            assertThat(measured).containsEntry("insert", 1).containsEntry("find", 1)
                    .containsEntry("updateWithVersion", 1).containsEntry("conditional update", 1)
                    .containsEntry("updateIfExists", 1).containsEntry("deleteWithVersion", 1)
                    .containsEntry("updateWithVersion conflict", 2)
                    .containsEntry("conditional update not applied", 2)
                    .containsEntry("insert conflict", insertConflict)
                    .containsEntry("deleteWithVersion conflict", 2)
                    .containsEntry("updateWithVersion not found", 2);
        });
    }

    /**
     * An update that sets every column the key and the condition do not pin knows the row after it: its statement
     * returns no row, and the entity it reports is the one a read finds. A partial update still asks for the row.
     */
    @Test
    void should_not_ask_the_database_for_a_row_the_update_determines() {
        withCountedAccounts(2, (counting, accounts) -> {
            String id = "known-" + UUID.randomUUID();
            accounts.insert(Account.of(id, "ada", 0));

            counting.reset();
            Account whole = accounts.updateWithVersion(id, 1L, Changes.of("owner", "carol").set("balance", 5L));
            assertThat(counting.statements()).singleElement().asString()
                    .doesNotContainIgnoringCase("returning").doesNotContainIgnoringCase("final table");
            assertThat(whole).isEqualTo(new Account(id, "carol", 5L, 2L, null)).isEqualTo(accounts.find(id).orElseThrow());

            counting.reset();
            Account partial = accounts.updateWithVersion(id, 2L, Changes.of("balance", 6L));
            assertThat(counting.statements()).singleElement().asString().containsAnyOf("returning", "final table");
            assertThat(partial).isEqualTo(new Account(id, "carol", 6L, 3L, null));

            // The entity as read: the row before the write is known, so a partial update needs no row back either.
            counting.reset();
            Account fromEntity = accounts.updateWithVersion(partial, Changes.of("owner", "dan"));
            assertThat(counting.statements()).singleElement().asString()
                    .doesNotContainIgnoringCase("returning").doesNotContainIgnoringCase("final table");
            assertThat(fromEntity).isEqualTo(new Account(id, "dan", 6L, 4L, null)).isEqualTo(accounts.find(id).orElseThrow());

            // modify: its read, then a write that needs no row back (an increment resolved against the row read).
            counting.reset();
            Account modified = accounts.modify(id, account -> Changes.none().increment("balance", 4L), RetryPolicy.DEFAULT);
            assertThat(counting.statements()).hasSize(2).last().asString()
                    .doesNotContainIgnoringCase("returning").doesNotContainIgnoringCase("final table");
            assertThat(modified).isEqualTo(new Account(id, "dan", 10L, 5L, null)).isEqualTo(accounts.find(id).orElseThrow());
        });
    }

    @Test
    void should_return_what_the_database_stored_for_a_write_the_store_prepared() {
        store.createTable(Reading.class);
        VersionedRepository<Reading, PrimaryKey> readings = store.repository(Reading.class, PrimaryKey.class);
        Instant at = Instant.ofEpochMilli(1_000);
        Reading inserted = readings.insert(new Reading("prepared-" + UUID.randomUUID(), at, 1, 1.5, null));
        PrimaryKey key = PrimaryKey.of(inserted.sensor(), at, 1);

        // The changes name every column: the store knows the row after the write, unless the database stores a value
        // otherwise than given (H2 stores -0.0 as 0.0), and then returns the row as stored.
        Reading written = readings.updateWithVersion(key, inserted.version(), Changes.of("value", -0.0));

        assertThat(written).isEqualTo(readings.find(key).orElseThrow());
    }

    /** Runs {@code test} on the accounts of a store over a counting pool of {@code connections}. */
    private void withCountedAccounts(int connections, CountedTest test) {
        try (HikariDataSource pool = pool(connections)) {
            CountingDataSource counting = new CountingDataSource(pool);
            try (VersionedStore counted = SqlStores.fromDataSource(counting, flavor())) {
                counted.createTable(Account.class);
                test.run(counting, counted.repository(Account.class, String.class));
            }
        }
    }

    @FunctionalInterface
    private interface CountedTest {
        void run(CountingDataSource counting, VersionedRepository<Account, String> accounts);
    }

    private static void measure(CountingDataSource counting, Map<String, Integer> measured, String operation, Runnable work) {
        counting.reset();
        work.run();
        measured.put(operation, counting.executions());
    }

    @Test
    void should_bind_every_value_and_keep_statement_text_stable() {
        withCountedAccounts(1, (counting, accounts) -> {
            String secret = "owner-'; drop table accounts; --" + UUID.randomUUID();
            counting.reset();
            accounts.insert(Account.of("a-" + secret, secret, 7));
            accounts.insert(Account.of("b-" + secret, "someone else", 8));
            accounts.updateWithVersion("a-" + secret, 1L, Changes.of("owner", secret + "!"));
            accounts.updateWithVersion("b-" + secret, 1L, Changes.of("owner", "x"));
            List<String> statements = counting.statements();
            assertThat(statements).hasSize(4).noneMatch(sql -> sql.contains(secret) || sql.contains("someone"));
            assertThat(statements.get(0)).isEqualTo(statements.get(1));
            assertThat(statements.get(2)).isEqualTo(statements.get(3));
        });
    }

    @Test
    void should_open_by_url_with_options_in_the_url() {
        String separator = flavor() == SqlFlavor.H2 ? ";" : (url().contains("?") ? "&" : "?");
        String withOptions = url() + separator + "poolSize=2" + separator + "timeout=5s";
        try (VersionedStore other = VersionedStores.open(withOptions, credentials().build())) {
            other.createTable(Account.class);
            String id = "url-" + UUID.randomUUID();
            other.repository(Account.class, String.class).insert(Account.of(id, "ada", 1));
            assertThat(store.repository(Account.class, String.class).find(id)).isPresent();
        }
        assertThatThrownBy(() -> VersionedStores.open(url() + separator + "poolSize=zero", credentials().build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("poolSize");
        assertThatThrownBy(() -> VersionedStores.open(url() + separator + "timeout=5", credentials().build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    }
}
