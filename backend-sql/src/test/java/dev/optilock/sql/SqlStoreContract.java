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
import dev.optilock.PrimaryKey;
import dev.optilock.RetryPolicy;
import dev.optilock.Row;
import dev.optilock.StoreOptions;
import dev.optilock.VersionKind;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedStore;
import dev.optilock.VersionedStores;
import dev.optilock.WriteResult;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every SQL dialect must do, through the public API: one store per test class, opened by URL.
 * Semantics are checked against the in-memory reference backend where they are subtle (conditions, increments).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SqlStoreContract {
    private static final AtomicInteger NAMES = new AtomicInteger();

    protected VersionedStore store;
    protected VersionedStore memory;

    /** The URL of a fresh database (or schema) for this test class. */
    protected abstract String url();

    protected abstract StoreOptions.Builder credentials();

    protected abstract SqlFlavor flavor();

    /** Rounds of the 16-writer race. */
    protected abstract int raceRounds();

    @BeforeAll
    void openStores() {
        store = VersionedStores.open(url(), credentials().poolSize(16).build());
        memory = VersionedStores.open("optilock:mem:");
    }

    @AfterAll
    void closeStores() {
        if (store != null) store.close();
        if (memory != null) memory.close();
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
    void should_round_trip_every_column_type_with_edge_values() {
        EntitySpec spec = allTypes(table("values"));
        store.createTable(spec);
        VersionedRepository<Row, PrimaryKey> rows = store.rows(spec);
        List<Map<String, Object>> cases = new ArrayList<>();
        cases.add(values("max", "héllo wörld ✓ 𝄞 日本語 'quoted' \"double\" ; -- not a comment", Integer.MAX_VALUE, Long.MAX_VALUE,
                true, Double.MAX_VALUE, new BigDecimal("1.50"), new UUID(-1L, -1L),
                Instant.parse("9999-12-31T23:59:59.999Z"), new byte[] {0, 1, -1, 127, -128}));
        cases.add(values("min", "", Integer.MIN_VALUE, Long.MIN_VALUE, false, -Double.MAX_VALUE,
                new BigDecimal("-12345678901234567890.000000000000000001"), new UUID(0L, 0L),
                Instant.parse("1900-01-01T00:00:00.001Z"), new byte[0]));
        cases.add(values("small", " ", 0, 0L, true, Double.MIN_VALUE, new BigDecimal("0.000000000000000000000000000001"),
                UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MILLIS), new byte[] {42}));
        cases.add(values("scale", "x".repeat(10_000), -1, -1L, false, 0.1 + 0.2, new BigDecimal("100"),
                UUID.randomUUID(), Instant.ofEpochMilli(0), new byte[100_000]));
        cases.add(values("nan", "nan", 1, 1L, true, Double.NaN, BigDecimal.ZERO, UUID.randomUUID(), Instant.EPOCH, new byte[] {0}));
        cases.add(values("infinity", "∞", 1, 1L, true, Double.POSITIVE_INFINITY, new BigDecimal("-0.10"), UUID.randomUUID(),
                Instant.parse("2262-04-11T23:47:16.854Z"), new byte[] {-1}));
        cases.add(values("nulls", null, null, null, null, null, null, null, null, null));
        for (Map<String, Object> values : cases) {
            Row inserted = rows.insert(Row.of(values));
            Row found = rows.find(PrimaryKey.of(values.get("id"))).orElseThrow();
            assertThat(found).as("found %s", values.get("id")).isEqualTo(inserted);
            for (var column : spec.columns()) {
                Object value = found.asMap().get(column.name());
                if (value != null) {
                    assertThat(value).as("type of %s", column.name()).isInstanceOf(column.type().javaType());
                }
                Object expected = column.name().equals("version") ? 1L : values.get(column.name());
                if (expected instanceof BigDecimal decimal) {
                    assertThat((BigDecimal) value).as("%s of %s", column.name(), values.get("id")).isEqualByComparingTo(decimal);
                } else if (expected instanceof byte[] bytes) {
                    assertThat((byte[]) value).as("%s of %s", column.name(), values.get("id")).isEqualTo(bytes);
                } else {
                    assertThat(value).as("%s of %s", column.name(), values.get("id")).isEqualTo(expected);
                }
            }
        }
        assertThat(rows.find(PrimaryKey.of("max")).orElseThrow().getString("text")).endsWith("-- not a comment");
        assertThat(rows.find(PrimaryKey.of("min")).orElseThrow().getString("text")).isEmpty();
        assertThat(rows.find(PrimaryKey.of("nulls")).orElseThrow().getString("text")).isNull();
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

    private static Map<String, Object> values(String id, String text, Integer i, Long l, Boolean b, Double d, BigDecimal dec,
            UUID u, Instant ts, byte[] bytes) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", id);
        values.put("text", text);
        values.put("i", i);
        values.put("l", l);
        values.put("b", b);
        values.put("d", d);
        values.put("dec", dec);
        values.put("u", u);
        values.put("ts", ts);
        values.put("bytes", bytes);
        return values;
    }

    // ---- conditions and assignments, compared with the reference backend ----

    private static final UUID SOME_UUID = UUID.fromString("00000000-0000-0000-0000-000000000005");
    private static final Instant SOME_TIME = Instant.parse("2024-05-06T07:08:09.010Z");

    /** A row with every column set, and a row with every column null. */
    private static Row state(boolean set, String id) {
        Row.Builder row = Row.builder().set("id", id);
        if (set) {
            row.set("text", "m").set("i", 5).set("l", 5L).set("b", true).set("d", 2.5).set("dec", new BigDecimal("2.50"))
                    .set("u", SOME_UUID).set("ts", SOME_TIME).set("bytes", new byte[] {1, 2});
        }
        return row.build();
    }

    /** Conditions on every column with every operator: values equal to, below, above, and unlike the set row's. */
    private static List<Condition> conditions() {
        Map<String, Object[]> ordered = new LinkedHashMap<>();
        ordered.put("text", new Object[] {"m", "a", "z"});
        ordered.put("i", new Object[] {5, 4, 6});
        ordered.put("l", new Object[] {5L, Long.MIN_VALUE, 6L});
        ordered.put("d", new Object[] {2.5, 2.4999, 1e300});
        ordered.put("dec", new Object[] {new BigDecimal("2.5"), new BigDecimal("2.49"), new BigDecimal("2.500001")});
        ordered.put("ts", new Object[] {SOME_TIME, SOME_TIME.minusMillis(1), SOME_TIME.plusMillis(1)});
        Map<String, Object[]> unordered = new LinkedHashMap<>();
        unordered.put("b", new Object[] {true, false});
        unordered.put("u", new Object[] {SOME_UUID, UUID.fromString("00000000-0000-0000-0000-000000000006")});
        unordered.put("bytes", new Object[] {new byte[] {1, 2}, new byte[] {1, 2, 0}});
        List<Condition> conditions = new ArrayList<>();
        conditions.add(Condition.always());
        Map<String, Object[]> all = new LinkedHashMap<>(ordered);
        all.putAll(unordered);
        all.forEach((column, values) -> {
            for (Object value : values) {
                conditions.add(Condition.equalTo(column, value));
                conditions.add(Condition.notEqualTo(column, value));
            }
            conditions.add(Condition.in(column, values[0]));
            conditions.add(Condition.in(column, values[1]));
            conditions.add(Condition.in(column, values));
            conditions.add(Condition.isNull(column));
            conditions.add(Condition.isNotNull(column));
        });
        ordered.forEach((column, values) -> {
            for (Object value : values) {
                conditions.add(Condition.lessThan(column, value));
                conditions.add(Condition.lessThanOrEqualTo(column, value));
                conditions.add(Condition.greaterThan(column, value));
                conditions.add(Condition.greaterThanOrEqualTo(column, value));
            }
        });
        conditions.add(Condition.all(Condition.equalTo("i", 5), Condition.notEqualTo("text", "a")));
        conditions.add(Condition.all(Condition.equalTo("i", 5), Condition.isNull("text")));
        conditions.add(Condition.all(Condition.all(), Condition.all(Condition.isNotNull("u"), Condition.lessThan("l", 6L))));
        conditions.add(Condition.notEqualTo("i", 4).and(Condition.notEqualTo("b", false)));
        return conditions;
    }

    @Test
    void should_evaluate_every_condition_like_the_reference_backend_including_nulls() {
        EntitySpec spec = allTypes(table("conditions"));
        store.createTable(spec);
        memory.createTable(spec);
        VersionedRepository<Row, PrimaryKey> sql = store.rows(spec);
        VersionedRepository<Row, PrimaryKey> reference = memory.rows(spec);
        int index = 0;
        int applied = 0;
        for (boolean set : new boolean[] {true, false}) {
            for (Condition condition : conditions()) {
                String id = "row" + index++;
                PrimaryKey key = PrimaryKey.of(id);
                sql.insert(state(set, id));
                reference.insert(state(set, id));
                Changes changes = Changes.of("note", "changed");
                WriteResult<Row> expected = reference.update(key, changes, condition);
                WriteResult<Row> actual = sql.update(key, changes, condition);
                String what = condition + " on a row " + (set ? "with values" : "of nulls");
                assertThat(actual.applied()).as(what).isEqualTo(expected.applied());
                if (expected.applied()) {
                    applied++;
                    assertThat(actual.entity()).as(what).isEqualTo(expected.entity());
                } else {
                    assertThat(actual.existing()).as(what).isEqualTo(expected.existing());
                }
                assertThat(sql.find(key)).as(what).isEqualTo(reference.find(key));
            }
        }
        assertThat(applied).isBetween(10, index - 10);
    }

    @Test
    void should_increment_numbers_atomically_counting_null_as_zero() {
        EntitySpec spec = allTypes(table("increments"));
        store.createTable(spec);
        memory.createTable(spec);
        for (VersionedRepository<Row, PrimaryKey> rows : List.of(store.rows(spec), memory.rows(spec))) {
            rows.insert(Row.builder().set("id", "a").set("l", 5L).set("dec", new BigDecimal("1.10")).build());
            rows.updateIfExists(PrimaryKey.of("a"), Changes.none().increment("i", 3).increment("l", -10L).increment("d", 0.5)
                    .increment("dec", new BigDecimal("0.15")));
            Row row = rows.updateIfExists(PrimaryKey.of("a"), Changes.none().increment("i", Integer.MAX_VALUE - 3)).entity();
            assertThat(row.getInt("i")).isEqualTo(Integer.MAX_VALUE);
            assertThat(row.getLong("l")).isEqualTo(-5L);
            assertThat(row.getDouble("d")).isEqualTo(0.5);
            assertThat(row.getDecimal("dec")).isEqualByComparingTo("1.25");
            assertThat(row.getLong("version")).isEqualTo(3L);
        }
        assertThat(store.rows(spec).find(PrimaryKey.of("a"))).isEqualTo(memory.rows(spec).find(PrimaryKey.of("a")));
    }

    // ---- versioned writes through mapped records ----

    @Test
    void should_update_with_version_and_report_conflicts_with_the_current_entity() {
        store.createTable(Account.class);
        VersionedRepository<Account, String> accounts = store.repository(Account.class, String.class);
        String id = "acct-" + UUID.randomUUID();
        Account created = accounts.insert(Account.of(id, "ada", 10));
        assertThat(created.version()).isEqualTo(1L);

        Account updated = accounts.updateWithVersion(id, 1L, Changes.of("owner", "lovelace").increment("balance", 5L));
        assertThat(updated).isEqualTo(new Account(id, "lovelace", 15, 2L, null));
        assertThat(accounts.find(id)).contains(updated);

        assertThatThrownBy(() -> accounts.updateWithVersion(id, 1L, Changes.of("owner", "bob")))
                .isInstanceOfSatisfying(OptimisticLockException.class, e -> {
                    assertThat(e.expectedVersion()).isEqualTo(1L);
                    assertThat(e.actualVersion()).contains(2L);
                    assertThat(e.currentEntity(Account.class)).contains(updated);
                });
        assertThatThrownBy(() -> accounts.updateWithVersion("nobody-" + id, 1L, Changes.of("owner", "bob")))
                .isInstanceOf(EntityNotFoundException.class);
        assertThat(accounts.find(id)).contains(updated);
    }

    @Test
    void should_insert_once_and_report_the_existing_entity() {
        store.createTable(Account.class);
        VersionedRepository<Account, String> accounts = store.repository(Account.class, String.class);
        String id = "acct-" + UUID.randomUUID();
        WriteResult<Account> first = accounts.insertIfAbsent(Account.of(id, "ada", 1));
        WriteResult<Account> second = accounts.insertIfAbsent(Account.of(id, "bob", 2));
        assertThat(first.applied()).isTrue();
        assertThat(second.applied()).isFalse();
        assertThat(second.existing()).contains(first.entity());
    }

    @Test
    void should_delete_with_version_and_report_conflict_and_absence() {
        store.createTable(Account.class);
        VersionedRepository<Account, String> accounts = store.repository(Account.class, String.class);
        String id = "acct-" + UUID.randomUUID();
        accounts.insert(Account.of(id, "ada", 1));
        Account updated = accounts.updateWithVersion(id, 1L, Changes.of("balance", 2L));
        assertThatThrownBy(() -> accounts.deleteWithVersion(id, 1L))
                .isInstanceOfSatisfying(OptimisticLockException.class, e -> {
                    assertThat(e.actualVersion()).contains(2L);
                    assertThat(e.currentEntity(Account.class)).contains(updated);
                });
        accounts.deleteWithVersion(id, 2L);
        assertThat(accounts.find(id)).isEmpty();
        assertThatThrownBy(() -> accounts.deleteWithVersion(id, 2L)).isInstanceOf(EntityNotFoundException.class);
        assertThat(accounts.deleteIfExists(id)).isFalse();
    }

    @Test
    void should_soft_delete_and_hide_the_row_from_versioned_writes() {
        store.createTable(Account.class);
        VersionedRepository<Account, String> accounts = store.repository(Account.class, String.class);
        String id = "acct-" + UUID.randomUUID();
        accounts.insert(Account.of(id, "ada", 1));
        Account deleted = accounts.softDelete(id, 1L);
        assertThat(deleted.deletedAt()).isNotNull();
        assertThat(deleted.version()).isEqualTo(2L);
        assertThat(accounts.find(id)).isEmpty();
        assertThat(accounts.includingDeleted().find(id)).contains(deleted);
        assertThatThrownBy(() -> accounts.updateWithVersion(id, 2L, Changes.of("balance", 5L)))
                .isInstanceOf(EntityNotFoundException.class);
        assertThat(accounts.updateIfExists(id, Changes.of("balance", 5L)).applied()).isFalse();
        assertThat(accounts.deleteIfExists(id)).isFalse();
        assertThat(accounts.includingDeleted().deleteIfExists(id)).isTrue();
        assertThat(accounts.includingDeleted().find(id)).isEmpty();
    }

    @Test
    void should_address_rows_by_partition_and_clustering_columns() {
        store.createTable(Reading.class);
        VersionedRepository<Reading, PrimaryKey> readings = store.repository(Reading.class, PrimaryKey.class);
        String sensor = "sensor-" + UUID.randomUUID();
        Instant at = Instant.parse("2024-01-01T00:00:00.001Z");
        Reading a = readings.insert(new Reading(sensor, at, 1, 1.0, null));
        Reading b = readings.insert(new Reading(sensor, at, 2, 2.0, null));
        Reading c = readings.insert(new Reading(sensor, at.plusMillis(1), 1, 3.0, null));
        assertThat(List.of(a.version(), b.version(), c.version())).doesNotHaveDuplicates().doesNotContainNull();

        Reading changed = readings.updateWithVersion(PrimaryKey.of(sensor, at, 2), b.version(), Changes.of("value", 20.0));
        assertThat(changed.value()).isEqualTo(20.0);
        assertThat(changed.version()).isNotEqualTo(b.version());
        assertThat(readings.find(PrimaryKey.of(sensor, at, 1))).contains(a);
        assertThat(readings.find(PrimaryKey.of(sensor, at.plusMillis(1), 1))).contains(c);
        assertThatThrownBy(() -> readings.updateWithVersion(PrimaryKey.of(sensor, at, 2), b.version(), Changes.of("value", 0.0)))
                .isInstanceOfSatisfying(OptimisticLockException.class, e -> assertThat(e.actualVersion()).contains(changed.version()));
        readings.deleteWithVersion(PrimaryKey.of(sensor, at, 1), a.version());
        assertThat(readings.find(PrimaryKey.of(sensor, at, 1))).isEmpty();
        assertThat(readings.find(PrimaryKey.of(sensor, at, 2))).contains(changed);
    }

    @Test
    void should_advance_timestamp_versions_even_when_the_clock_stands_still() {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        try (VersionedStore frozen = VersionedStores.open(url(), credentials().poolSize(2)
                .clock(Clock.fixed(now, ZoneOffset.UTC)).build())) {
            frozen.createTable(Note.class);
            VersionedRepository<Note, UUID> notes = frozen.repository(Note.class, UUID.class);
            UUID id = UUID.randomUUID();
            Note first = notes.insert(new Note(id, "a", null));
            assertThat(first.updatedAt()).isEqualTo(now);
            Note second = notes.updateWithVersion(id, now, Changes.of("text", "b"));
            assertThat(second.updatedAt()).isEqualTo(now.plusMillis(1));
            Note third = notes.updateIfExists(id, Changes.of("text", "c")).entity();
            assertThat(third.updatedAt()).isEqualTo(now.plusMillis(2));
            assertThat(notes.find(id)).contains(third);
            assertThatThrownBy(() -> notes.updateWithVersion(id, now, Changes.of("text", "d")))
                    .isInstanceOfSatisfying(OptimisticLockException.class, e -> assertThat(e.actualVersion()).contains(now.plusMillis(2)));
        }
    }

    // ---- concurrency ----

    @Test
    void should_let_exactly_one_of_16_racing_versioned_updates_win_and_never_report_the_expected_version() throws Exception {
        store.createTable(Account.class);
        VersionedRepository<Account, String> accounts = store.repository(Account.class, String.class);
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            for (int round = 0; round < raceRounds(); round++) {
                String id = "race-" + UUID.randomUUID();
                accounts.insert(Account.of(id, "start", 0));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Object>> outcomes = new ArrayList<>();
                for (int writer = 0; writer < 16; writer++) {
                    String owner = "writer-" + writer;
                    outcomes.add(threads.submit(() -> {
                        start.await();
                        try {
                            return accounts.updateWithVersion(id, 1L, Changes.of("owner", owner).increment("balance", 1L));
                        } catch (OptimisticLockException conflict) {
                            return conflict;
                        }
                    }));
                }
                start.countDown();
                List<Account> winners = new ArrayList<>();
                for (Future<Object> outcome : outcomes) {
                    Object result = outcome.get(60, TimeUnit.SECONDS);
                    if (result instanceof Account account) {
                        winners.add(account);
                    } else {
                        OptimisticLockException conflict = (OptimisticLockException) result;
                        assertThat(conflict.expectedVersion()).isEqualTo(1L);
                        assertThat(conflict.actualVersion()).as("round %d", round).isPresent().get().isNotEqualTo(1L);
                        assertThat(conflict.actualVersion()).contains(2L);
                        assertThat(conflict.currentEntity(Account.class)).get().extracting(Account::version).isEqualTo(2L);
                    }
                }
                assertThat(winners).as("round %d", round).hasSize(1);
                assertThat(accounts.find(id)).contains(winners.get(0));
                assertThat(winners.get(0).balance()).isEqualTo(1L);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void should_count_8_times_50_concurrent_modifications_exactly() throws Exception {
        store.createTable(Account.class);
        VersionedRepository<Account, String> accounts = store.repository(Account.class, String.class);
        String id = "counter-" + UUID.randomUUID();
        accounts.insert(Account.of(id, "counter", 0));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> workers = new ArrayList<>();
            for (int worker = 0; worker < 8; worker++) {
                workers.add(() -> {
                    for (int i = 0; i < 50; i++) {
                        accounts.modify(id, account -> Changes.of("balance", account.balance() + 1), RetryPolicy.immediate(100_000));
                    }
                    return null;
                });
            }
            for (Future<Void> done : threads.invokeAll(workers, 5, TimeUnit.MINUTES)) {
                done.get();
            }
        } finally {
            threads.shutdownNow();
        }
        Account counted = accounts.find(id).orElseThrow();
        assertThat(counted.balance()).isEqualTo(400L);
        assertThat(counted.version()).isEqualTo(401L);
    }

    @Test
    void should_let_exactly_one_of_16_racing_inserts_win_and_show_the_winner_to_the_others() throws Exception {
        store.createTable(Account.class);
        VersionedRepository<Account, String> accounts = store.repository(Account.class, String.class);
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            for (int round = 0; round < Math.max(5, raceRounds() / 5); round++) {
                String id = "insert-race-" + UUID.randomUUID();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<WriteResult<Account>>> outcomes = new ArrayList<>();
                for (int writer = 0; writer < 16; writer++) {
                    String owner = "writer-" + writer;
                    outcomes.add(threads.submit(() -> {
                        start.await();
                        return accounts.insertIfAbsent(Account.of(id, owner, 0));
                    }));
                }
                start.countDown();
                List<Account> winners = new ArrayList<>();
                List<Optional<Account>> seen = new ArrayList<>();
                for (Future<WriteResult<Account>> outcome : outcomes) {
                    WriteResult<Account> result = outcome.get(60, TimeUnit.SECONDS);
                    if (result.applied()) winners.add(result.entity());
                    else seen.add(result.existing());
                }
                assertThat(winners).hasSize(1);
                assertThat(seen).hasSize(15).allSatisfy(existing -> assertThat(existing).contains(winners.get(0)));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    // ---- statements ----

    /** Statements per operation, measured at the driver; {@code [expected on PostgreSQL, expected on H2]}. */
    @Test
    void should_issue_one_statement_per_uncontended_conditional_write() {
        try (HikariDataSource pool = pool(2)) {
            CountingDataSource counting = new CountingDataSource(pool);
            try (VersionedStore counted = SqlStores.fromDataSource(counting, flavor())) {
                counted.createTable(Account.class);
                VersionedRepository<Account, String> accounts = counted.repository(Account.class, String.class);
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
                int conflictReport = flavor() == SqlFlavor.POSTGRESQL ? 1 : 2;
                assertThat(measured).containsEntry("insert", 1).containsEntry("find", 1)
                        .containsEntry("updateWithVersion", 1).containsEntry("conditional update", 1)
                        .containsEntry("updateIfExists", 1).containsEntry("deleteWithVersion", 1)
                        .containsEntry("updateWithVersion conflict", conflictReport)
                        .containsEntry("conditional update not applied", conflictReport)
                        .containsEntry("insert conflict", conflictReport)
                        .containsEntry("deleteWithVersion conflict", conflictReport)
                        .containsEntry("updateWithVersion not found", conflictReport);
            }
        }
    }

    private static void measure(CountingDataSource counting, Map<String, Integer> measured, String operation, Runnable work) {
        counting.reset();
        work.run();
        measured.put(operation, counting.executions());
    }

    @Test
    void should_bind_every_value_and_keep_statement_text_stable() {
        try (HikariDataSource pool = pool(1)) {
            CountingDataSource counting = new CountingDataSource(pool);
            try (VersionedStore counted = SqlStores.fromDataSource(counting, flavor())) {
                counted.createTable(Account.class);
                VersionedRepository<Account, String> accounts = counted.repository(Account.class, String.class);
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
            }
        }
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
