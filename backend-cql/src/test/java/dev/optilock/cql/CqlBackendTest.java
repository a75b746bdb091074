package dev.optilock.cql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.optilock.BackendException;
import dev.optilock.Capability;
import dev.optilock.Changes;
import dev.optilock.ColumnType;
import dev.optilock.Condition;
import dev.optilock.EntityExistsException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every primitive of the backend, through the public API, against a real Cassandra 5.0. */
class CqlBackendTest {
    private static final EntitySpec COUNTERS = EntitySpec.builder("counters").partitionKey("id", ColumnType.TEXT)
            .column("value", ColumnType.BIGINT).column("note", ColumnType.TEXT).version("version", VersionKind.LONG).build();
    private static final EntitySpec FLAGS = EntitySpec.builder("flags").partitionKey("id", ColumnType.TEXT)
            .column("n", ColumnType.BIGINT).column("t", ColumnType.TEXT).version("version", VersionKind.UUID).build();
    private static final EntitySpec TYPES = EntitySpec.builder("types").partitionKey("id", ColumnType.TEXT)
            .column("text_value", ColumnType.TEXT).column("int_value", ColumnType.INT).column("bigint_value", ColumnType.BIGINT)
            .column("boolean_value", ColumnType.BOOLEAN).column("double_value", ColumnType.DOUBLE)
            .column("decimal_value", ColumnType.DECIMAL).column("uuid_value", ColumnType.UUID)
            .column("timestamp_value", ColumnType.TIMESTAMP).column("bytes_value", ColumnType.BYTES)
            .version("version", VersionKind.UUID).build();
    private static final EntitySpec NUMBERS = EntitySpec.builder("numbers").partitionKey("id", ColumnType.TEXT)
            .column("i", ColumnType.INT).column("b", ColumnType.BIGINT).column("d", ColumnType.DOUBLE)
            .column("m", ColumnType.DECIMAL).version("updated_at", VersionKind.TIMESTAMP).build();
    private static final EntitySpec PINS = EntitySpec.builder("pins").partitionKey("tenant", ColumnType.TEXT)
            .partitionKey("shard", ColumnType.INT).clusteringKey("cid", ColumnType.BYTES).column("note", ColumnType.TEXT)
            .version("updated_at", VersionKind.TIMESTAMP).build();

    private static String keyspace;
    private static VersionedStore store;
    private static VersionedRepository<Row, PrimaryKey> counters;
    private static VersionedRepository<Row, PrimaryKey> flags;

    @BeforeAll
    static void createTables() {
        keyspace = TestCassandra.server().freshKeyspaceName("backend_");
        store = TestCassandra.store(keyspace, StoreOptions.defaults());
        for (EntitySpec spec : List.of(COUNTERS, FLAGS, TYPES, NUMBERS, PINS)) store.createTable(spec);
        store.createTable(Member.class);
        counters = store.rows(COUNTERS);
        flags = store.rows(FLAGS);
    }

    @AfterAll
    static void closeStore() {
        store.close();
    }

    private static Row counter(String id, long value, String note) {
        return Row.builder().set("id", id).set("value", value).set("note", note).build();
    }

    @Test
    void should_declare_its_name_and_no_definitive_reads() {
        assertThat(store.capabilities().backendName()).isEqualTo("cassandra");
        assertThat(store.capabilities().has(Capability.DEFINITIVE_READS)).isFalse();
        assertThat(store.capabilities().has(Capability.CURRENT_ROW_ON_CONFLICT)).isFalse();
    }

    @Test
    void should_run_async_operations_on_the_drivers_own_stages_not_a_thread_pool() {
        counters.insert(counter("async-1", 1L, "n"));
        String thread = counters.async().updateWithVersion(PrimaryKey.of("async-1"), 1L, Changes.of("value", 2L))
                .thenApply(row -> Thread.currentThread().getName()).toCompletableFuture().join();
        assertThat(thread).doesNotStartWith("optilock-async");
        assertThat(counters.find(PrimaryKey.of("async-1")).orElseThrow().getLong("value")).isEqualTo(2L);
    }

    @Test
    void should_insert_find_and_report_the_existing_row_when_the_key_is_taken() {
        Row inserted = counters.insert(counter("insert-1", 7L, "first"));
        assertThat(inserted.getLong("version")).isEqualTo(1L);
        assertThat(counters.find(PrimaryKey.of("insert-1"))).contains(inserted);
        assertThat(counters.find(PrimaryKey.of("insert-absent"))).isEmpty();

        WriteResult<Row> second = counters.insertIfAbsent(counter("insert-1", 8L, "second"));
        assertThat(second.applied()).isFalse();
        assertThat(second.existing()).contains(inserted);
        assertThatThrownBy(() -> counters.insert(counter("insert-1", 9L, "third")))
                .isInstanceOfSatisfying(EntityExistsException.class, e -> {
                    assertThat(e.key()).isEqualTo(PrimaryKey.of("insert-1"));
                    assertThat(e.existing()).contains(inserted);
                });
        assertThat(counters.find(PrimaryKey.of("insert-1"))).contains(inserted);
    }

    @Test
    void should_update_with_version_and_return_the_whole_row_after_the_write() {
        PrimaryKey key = PrimaryKey.of("update-1");
        counters.insert(counter("update-1", 1L, "kept"));
        Row partial = counters.updateWithVersion(key, 1L, Changes.of("value", 2L));
        assertThat(partial).isEqualTo(counter("update-1", 2L, "kept").toBuilder().set("version", 2L).build());
        Row whole = counters.updateWithVersion(key, 2L, Changes.of("value", 3L).set("note", null));
        assertThat(whole).isEqualTo(counter("update-1", 3L, null).toBuilder().set("version", 3L).build());
        assertThat(counters.find(key)).contains(whole);
    }

    @Test
    void should_report_a_conflict_with_the_actual_version_and_the_current_row() {
        PrimaryKey key = PrimaryKey.of("conflict-1");
        counters.insert(counter("conflict-1", 1L, "n"));
        Row current = counters.updateWithVersion(key, 1L, Changes.of("value", 2L));
        for (Changes changes : List.of(Changes.of("value", 3L), Changes.of("value", 3L).set("note", "x"))) {
            assertThatThrownBy(() -> counters.updateWithVersion(key, 1L, changes))
                    .as("changes %s", changes)
                    .isInstanceOfSatisfying(OptimisticLockException.class, e -> {
                        assertThat(e.expectedVersion()).isEqualTo(1L);
                        assertThat(e.actualVersion()).contains(2L);
                        assertThat(e.currentEntity(Row.class)).contains(current);
                    });
        }
        assertThatThrownBy(() -> counters.deleteWithVersion(key, 1L)).isInstanceOfSatisfying(OptimisticLockException.class,
                e -> assertThat(e.actualVersion()).contains(2L));
        assertThat(counters.find(key)).contains(current);
    }

    @Test
    void should_report_absent_rows_as_not_found_never_as_conflicts() {
        PrimaryKey ghost = PrimaryKey.of("ghost");
        assertThatThrownBy(() -> counters.updateWithVersion(ghost, 1L, Changes.of("value", 1L)))
                .isInstanceOf(EntityNotFoundException.class);
        assertThatThrownBy(() -> counters.updateWithVersion(ghost, 1L, Changes.of("value", 1L).set("note", "x")))
                .isInstanceOf(EntityNotFoundException.class);
        assertThatThrownBy(() -> counters.deleteWithVersion(ghost, 1L)).isInstanceOf(EntityNotFoundException.class);
        WriteResult<Row> absent = counters.updateIfExists(ghost, Changes.of("value", 1L));
        assertThat(absent.applied()).isFalse();
        assertThat(absent.existing()).isEmpty();
        assertThat(flags.updateIfExists(ghost, Changes.of("n", 1L).set("t", "x")).applied()).isFalse();
        assertThat(counters.deleteIfExists(ghost)).isFalse();
        assertThat(counters.find(ghost)).isEmpty();
        assertThat(flags.find(ghost)).as("no conditional write creates a row").isEmpty();
    }

    @Test
    void should_update_if_exists_and_delete_once() {
        PrimaryKey key = PrimaryKey.of("delete-1");
        counters.insert(counter("delete-1", 1L, "a"));
        WriteResult<Row> updated = counters.updateIfExists(key, Changes.of("note", "b"));
        assertThat(updated.applied()).isTrue();
        assertThat(updated.entity()).isEqualTo(counter("delete-1", 1L, "b").toBuilder().set("version", 2L).build());
        assertThatThrownBy(() -> counters.deleteWithVersion(key, 1L)).isInstanceOf(OptimisticLockException.class);
        counters.deleteWithVersion(key, 2L);
        assertThat(counters.find(key)).isEmpty();

        counters.insert(counter("delete-2", 1L, "a"));
        assertThat(counters.deleteIfExists(PrimaryKey.of("delete-2"))).isTrue();
        assertThat(counters.deleteIfExists(PrimaryKey.of("delete-2"))).isFalse();
        assertThat(counters.insertIfAbsent(counter("delete-2", 5L, "again")).entity().getLong("version"))
                .as("a re-inserted key continues from its tombstone's version").isEqualTo(2L);
    }

    @Test
    void should_give_every_condition_operator_the_reference_semantics_on_both_write_paths() {
        record Case(String row, Condition condition, boolean applies) {
        }
        List<Case> cases = List.of(
                new Case("p", Condition.equalTo("n", 5L), true), new Case("p", Condition.equalTo("n", 6L), false),
                new Case("z", Condition.equalTo("n", 5L), false),
                new Case("p", Condition.notEqualTo("n", 5L), false), new Case("p", Condition.notEqualTo("n", 6L), true),
                new Case("z", Condition.notEqualTo("n", 5L), true),
                new Case("p", Condition.lessThan("n", 6L), true), new Case("p", Condition.lessThan("n", 5L), false),
                new Case("z", Condition.lessThan("n", 6L), false),
                new Case("p", Condition.lessThanOrEqualTo("n", 5L), true), new Case("p", Condition.lessThanOrEqualTo("n", 4L), false),
                new Case("z", Condition.lessThanOrEqualTo("n", 5L), false),
                new Case("p", Condition.greaterThan("n", 4L), true), new Case("p", Condition.greaterThan("n", 5L), false),
                new Case("z", Condition.greaterThan("n", 4L), false),
                new Case("p", Condition.greaterThanOrEqualTo("n", 5L), true), new Case("p", Condition.greaterThanOrEqualTo("n", 6L), false),
                new Case("z", Condition.greaterThanOrEqualTo("n", 5L), false),
                new Case("p", Condition.in("n", 1L, 5L), true), new Case("p", Condition.in("n", 1L, 2L), false),
                new Case("z", Condition.in("n", 1L, 5L), false),
                new Case("p", Condition.isNull("n"), false), new Case("z", Condition.isNull("n"), true),
                new Case("p", Condition.isNotNull("n"), true), new Case("z", Condition.isNotNull("n"), false),
                new Case("p", Condition.lessThan("t", "n"), true), new Case("p", Condition.greaterThan("t", "n"), false),
                new Case("p", Condition.equalTo("t", "m"), true), new Case("e", Condition.equalTo("t", ""), true),
                new Case("e", Condition.isNull("t"), false), new Case("z", Condition.equalTo("t", ""), false),
                new Case("p", Condition.greaterThanOrEqualTo("n", 5L).and(Condition.equalTo("t", "m")), true),
                new Case("p", Condition.greaterThanOrEqualTo("n", 5L).and(Condition.equalTo("t", "x")), false),
                new Case("z", Condition.isNull("n").and(Condition.isNull("t")), true),
                new Case("p", Condition.equalTo("id", "p"), true), new Case("z", Condition.equalTo("id", "p"), false),
                new Case("p", Condition.in("id", "z", "p").and(Condition.equalTo("n", 5L)), true),
                new Case("p", Condition.always(), true));
        // COUNTERS-like LONG versions: read, then compare-and-set. FLAGS (UUID versions, every column changed): one LWT.
        EntitySpec longVersions = EntitySpec.builder("conds_long").partitionKey("id", ColumnType.TEXT)
                .column("n", ColumnType.BIGINT).column("t", ColumnType.TEXT).column("touched", ColumnType.INT)
                .version("version", VersionKind.LONG).build();
        store.createTable(longVersions);
        VersionedRepository<Row, PrimaryKey> casRows = store.rows(longVersions);
        for (String id : List.of("p", "z", "e")) {
            Row.Builder row = Row.builder().set("id", id).set("touched", 0);
            if (id.equals("p")) row.set("n", 5L).set("t", "m");
            if (id.equals("e")) row.set("t", "");
            casRows.insert(row.build());
            Row.Builder flag = Row.builder().set("id", id);
            if (id.equals("p")) flag.set("n", 5L).set("t", "m");
            if (id.equals("e")) flag.set("t", "");
            flags.insert(flag.build());
        }
        for (Case check : cases) {
            PrimaryKey key = PrimaryKey.of(check.row());
            String what = "IF " + check.condition() + " on row " + check.row();

            Row before = casRows.find(key).orElseThrow();
            WriteResult<Row> result = casRows.update(key, Changes.none().increment("touched", 1), check.condition());
            assertThat(result.applied()).as("compare-and-set path, " + what).isEqualTo(check.applies());
            if (check.applies()) {
                assertThat(result.entity().getInt("touched")).as(what).isEqualTo(before.getInt("touched") + 1);
                assertThat(result.entity().getLong("version")).as(what).isEqualTo(before.getLong("version") + 1);
            } else {
                assertThat(result.existing()).as(what).contains(before);
                assertThat(casRows.find(key)).as(what + ": nothing written").contains(before);
            }

            Row flagBefore = flags.find(key).orElseThrow();
            WriteResult<Row> direct = flags.update(key, Changes.of("n", flagBefore.get("n")).set("t", flagBefore.get("t")),
                    check.condition());
            assertThat(direct.applied()).as("one-LWT path, " + what).isEqualTo(check.applies());
            if (check.applies()) {
                assertThat(direct.entity().getUuid("version")).as(what).isNotEqualTo(flagBefore.getUuid("version"));
                assertThat(flags.find(key)).as(what).contains(direct.entity());
            } else {
                assertThat(direct.existing()).as(what).contains(flagBefore);
                assertThat(flags.find(key)).as(what + ": nothing written").contains(flagBefore);
            }
        }
        for (Condition nullFriendly : List.of(Condition.isNull("n"), Condition.notEqualTo("n", 5L))) {
            assertThat(casRows.update(PrimaryKey.of("nobody"), Changes.of("t", "x"), nullFriendly).applied()).isFalse();
            assertThat(flags.update(PrimaryKey.of("nobody"), Changes.of("n", 1L).set("t", "x"), nullFriendly).applied()).isFalse();
        }
        assertThat(casRows.find(PrimaryKey.of("nobody"))).as("IF n = null on a missing row must not create it").isEmpty();
        assertThat(flags.find(PrimaryKey.of("nobody"))).as("IF n = null on a missing row must not create it").isEmpty();
    }

    @Test
    void should_increment_atomically_treating_null_as_zero_and_advance_timestamp_versions() {
        VersionedRepository<Row, PrimaryKey> numbers = store.rows(NUMBERS);
        PrimaryKey key = PrimaryKey.of("inc-1");
        Row inserted = numbers.insert(Row.builder().set("id", "inc-1").set("i", 1).build());
        Changes increments = Changes.none().increment("i", 2).increment("b", 3L).increment("d", 0.5)
                .increment("m", new BigDecimal("1.25"));
        Row once = numbers.updateIfExists(key, increments).entity();
        assertThat(once.getInt("i")).isEqualTo(3);
        assertThat(once.getLong("b")).isEqualTo(3L);
        assertThat(once.getDouble("d")).isEqualTo(0.5);
        assertThat(once.getDecimal("m")).isEqualByComparingTo("1.25");
        assertThat(once.getInstant("updated_at")).isAfter(inserted.getInstant("updated_at"));
        Row twice = numbers.updateWithVersion(key, once.getInstant("updated_at"), Changes.none().increment("i", 2)
                .increment("b", 3L).set("d", 10.0).increment("m", new BigDecimal("1.25")));
        assertThat(twice.getInt("i")).isEqualTo(5);
        assertThat(twice.getDouble("d")).isEqualTo(10.0);
        assertThat(twice.getDecimal("m")).isEqualByComparingTo("2.50");
        assertThat(numbers.find(key)).contains(twice);
        assertThatThrownBy(() -> numbers.updateWithVersion(key, once.getInstant("updated_at"), increments))
                .isInstanceOf(OptimisticLockException.class);
    }

    @Test
    void should_advance_timestamp_versions_with_a_frozen_clock() {
        Instant frozen = Instant.parse("2026-11-23T10:15:30.123987Z");
        try (VersionedStore frozenStore = TestCassandra.store(keyspace,
                StoreOptions.builder().clock(Clock.fixed(frozen, ZoneOffset.UTC)).build())) {
            VersionedRepository<Row, PrimaryKey> numbers = frozenStore.rows(NUMBERS);
            PrimaryKey key = PrimaryKey.of("frozen");
            Instant first = Instant.parse("2026-11-23T10:15:30.123Z");
            Row row = numbers.insert(Row.builder().set("id", "frozen").set("b", 0L).build());
            assertThat(row.getInstant("updated_at")).isEqualTo(first);
            row = numbers.updateWithVersion(key, first, Changes.of("b", 1L));
            assertThat(row.getInstant("updated_at")).isEqualTo(first.plusMillis(1));
            row = numbers.updateIfExists(key, Changes.of("b", 2L)).entity();
            assertThat(row.getInstant("updated_at")).isEqualTo(first.plusMillis(2));
            row = numbers.update(key, Changes.of("b", 3L), Condition.equalTo("b", 2L)).entity();
            assertThat(row.getInstant("updated_at")).isEqualTo(first.plusMillis(3));
            assertThat(numbers.find(key)).contains(row);
        }
    }

    @Test
    void should_address_rows_by_their_whole_composite_key() {
        VersionedRepository<Row, PrimaryKey> pins = store.rows(PINS);
        byte[] one = {1, 2, 3};
        byte[] two = {1, 2, 4};
        Row a1 = pins.insert(Row.builder().set("tenant", "a").set("shard", 1).set("cid", one).set("note", "a1").build());
        Row a2 = pins.insert(Row.builder().set("tenant", "a").set("shard", 1).set("cid", two).set("note", "a2").build());
        Row b1 = pins.insert(Row.builder().set("tenant", "a").set("shard", 2).set("cid", one).set("note", "b1").build());
        Row updated = pins.updateWithVersion(PrimaryKey.of("a", 1, one), a1.getInstant("updated_at"), Changes.of("note", "a1!"));
        assertThat(updated.getString("note")).isEqualTo("a1!");
        assertThat(pins.find(PrimaryKey.of("a", 1, two))).contains(a2);
        assertThat(pins.find(PrimaryKey.of("a", 2, one))).contains(b1);
        assertThat(pins.deleteIfExists(PrimaryKey.of("a", 1, two))).isTrue();
        assertThat(pins.find(PrimaryKey.of("a", 1, one))).contains(updated);
        assertThat(pins.find(PrimaryKey.of("a", 1, two))).isEmpty();
        assertThat(catchThrowable(() -> pins.find(PrimaryKey.of("a", 1)))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_round_trip_every_type_with_its_edge_values() {
        VersionedRepository<Row, PrimaryKey> rows = store.rows(TYPES);
        List<Row> samples = new ArrayList<>();
        samples.add(Row.builder().set("id", "max").set("text_value", "héllo ✓ 🌍 'quoted' \"double\" \\ back \u0000 end")
                .set("int_value", Integer.MAX_VALUE).set("bigint_value", Long.MAX_VALUE).set("boolean_value", true)
                .set("double_value", Double.MAX_VALUE).set("decimal_value", new BigDecimal("12345678901234567890.123456789"))
                .set("uuid_value", UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff"))
                .set("timestamp_value", Instant.parse("2262-04-11T23:47:16.854Z")).set("bytes_value", new byte[] {0, -1, 127, -128})
                .build());
        samples.add(Row.builder().set("id", "min").set("text_value", "").set("int_value", Integer.MIN_VALUE)
                .set("bigint_value", Long.MIN_VALUE).set("boolean_value", false).set("double_value", -Double.MIN_VALUE)
                .set("decimal_value", new BigDecimal("-0.10")).set("uuid_value", new UUID(0, 0))
                .set("timestamp_value", Instant.parse("1900-01-01T00:00:00.001Z")).set("bytes_value", new byte[0]).build());
        samples.add(Row.builder().set("id", "special").set("text_value", " ").set("int_value", 0).set("bigint_value", 0L)
                .set("double_value", Double.NaN).set("decimal_value", new BigDecimal("1E+40"))
                .set("uuid_value", UUID.randomUUID()).set("timestamp_value", Instant.EPOCH).set("bytes_value", new byte[] {42})
                .build());
        samples.add(Row.builder().set("id", "infinite").set("double_value", Double.NEGATIVE_INFINITY)
                .set("timestamp_value", Instant.ofEpochMilli(-1)).build());
        samples.add(Row.builder().set("id", "nulls").build());
        for (Row sample : samples) {
            Row inserted = rows.insert(sample);
            Row found = rows.find(PrimaryKey.of(sample.getString("id"))).orElseThrow();
            assertThat(found).as("row %s", sample.getString("id")).isEqualTo(inserted);
            for (String column : sample.columns()) {
                assertThat(Row.builder().set(column, found.get(column)).build()).as("column %s of %s", column, sample.getString("id"))
                        .isEqualTo(Row.builder().set(column, sample.get(column)).build());
            }
        }
        Row min = rows.find(PrimaryKey.of("min")).orElseThrow();
        assertThat(min.getString("text_value")).as("empty text is not null").isEqualTo("");
        assertThat(min.getBytes("bytes_value")).as("empty bytes are not null").isEmpty();
        assertThat(min.getDecimal("decimal_value").scale()).as("decimal scale is kept").isEqualTo(2);

        Row cleared = rows.updateWithVersion(PrimaryKey.of("min"), min.getUuid("version"),
                Changes.of("text_value", null).set("bytes_value", null).set("decimal_value", new BigDecimal("3.000")));
        assertThat(rows.find(PrimaryKey.of("min"))).contains(cleared);
        assertThat(cleared.get("text_value")).isNull();
        assertThat(cleared.get("bytes_value")).isNull();
        Row refilled = rows.updateWithVersion(PrimaryKey.of("min"), cleared.getUuid("version"),
                Changes.of("text_value", "").set("bytes_value", new byte[0]));
        assertThat(rows.find(PrimaryKey.of("min"))).contains(refilled);
        assertThat(refilled.getString("text_value")).isEqualTo("");

        Row special = rows.find(PrimaryKey.of("special")).orElseThrow();
        Row touched = rows.updateWithVersion(PrimaryKey.of("special"), special.getUuid("version"), Changes.of("int_value", 1));
        assertThat(touched.getDouble("double_value")).as("a NaN column does not stop a compare-and-set").isNaN();
        assertThat(rows.find(PrimaryKey.of("special"))).contains(touched);

        byte[] key = {0, 0, -1};
        EntitySpec blobKeyed = EntitySpec.builder("blob_keyed").partitionKey("k", ColumnType.BYTES)
                .clusteringKey("at", ColumnType.TIMESTAMP).column("u", ColumnType.UUID).version("version", VersionKind.LONG).build();
        store.createTable(blobKeyed);
        Row blobRow = store.rows(blobKeyed).insert(Row.builder().set("k", key).set("at", Instant.EPOCH).build());
        assertThat(store.rows(blobKeyed).find(PrimaryKey.of(key, Instant.EPOCH))).contains(blobRow);
    }

    @Test
    void should_map_records_and_hide_soft_deleted_rows() {
        VersionedRepository<Member, String> members = store.repository(Member.class, String.class);
        Member ada = members.insert(Member.named("ada", "Ada"));
        assertThat(ada.version()).isEqualTo(1L);
        Member promoted = members.updateWithVersion("ada", 1L, Changes.of("level", 2).increment("balance", new BigDecimal("0.50")));
        assertThat(promoted.level()).isEqualTo(2);
        assertThat(promoted.balance()).isEqualByComparingTo("10.50");
        assertThat(promoted.name()).isEqualTo("Ada");
        Member renamed = members.modify("ada", current -> Changes.of("name", current.name() + "!"), RetryPolicy.DEFAULT);
        assertThat(renamed.name()).isEqualTo("Ada!");
        assertThat(renamed.version()).isEqualTo(3L);

        Member deleted = members.softDelete("ada", 3L);
        assertThat(deleted.deletedAt()).isNotNull();
        assertThat(members.find("ada")).isEmpty();
        assertThatThrownBy(() -> members.updateWithVersion("ada", 4L, Changes.of("level", 5))).isInstanceOf(EntityNotFoundException.class);
        assertThatThrownBy(() -> members.updateWithVersion("ada", 4L, Changes.of("level", 5).set("name", "x")
                .set("balance", BigDecimal.ONE))).isInstanceOf(EntityNotFoundException.class);
        assertThat(members.updateIfExists("ada", Changes.of("level", 5)).existing()).isEmpty();
        assertThat(members.deleteIfExists("ada")).isFalse();
        assertThat(members.insertIfAbsent(Member.named("ada", "Again")).applied()).isFalse();
        VersionedRepository<Member, String> all = members.includingDeleted();
        assertThat(all.find("ada")).get().extracting(Member::version).isEqualTo(4L);
        Member restored = all.updateWithVersion("ada", 4L, Changes.of("deletedAt", null));
        assertThat(members.find("ada")).get().extracting(Member::name).isEqualTo("Ada!");
        assertThat(restored.version()).isEqualTo(5L);
    }

    @Test
    void should_create_tables_idempotently_and_refuse_a_different_definition() {
        store.createTable(COUNTERS);
        EntitySpec changed = EntitySpec.builder("counters").partitionKey("id", ColumnType.TEXT)
                .column("value", ColumnType.INT).column("note", ColumnType.TEXT).version("version", VersionKind.LONG).build();
        assertThatThrownBy(() -> store.createTable(changed)).isInstanceOf(BackendException.class)
                .hasMessageContaining("counters").hasMessageContaining("another definition");
        EntitySpec missing = EntitySpec.builder("never_created").partitionKey("id", ColumnType.TEXT)
                .version("version", VersionKind.LONG).build();
        assertThatThrownBy(() -> store.rows(missing).find(PrimaryKey.of("x"))).isInstanceOf(BackendException.class)
                .hasMessageContaining("createTable");
    }

    @Test
    void should_open_by_url_and_share_tables_with_other_stores() {
        try (VersionedStore byUrl = VersionedStores.open(TestCassandra.url(keyspace))) {
            assertThat(byUrl.capabilities().backendName()).isEqualTo("cassandra");
            Row row = byUrl.rows(COUNTERS).insert(counter("by-url", 1L, "u"));
            assertThat(counters.find(PrimaryKey.of("by-url"))).contains(row);
        }
        assertThat(counters.find(PrimaryKey.of("by-url"))).as("the shared session stays open").isPresent();
    }
}
