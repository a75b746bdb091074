package dev.optilock.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Contract rules about versions, conditions, keys, soft delete, records, types and bad input. Longer than most files
 * here because each rule is one self-contained scenario, one default method per rule, as the TCK's users read them.
 */
public interface ShapeRules extends TckHooks {

    @Test
    default void required_1_9_timestamp_versions_increase_with_a_frozen_clock() {
        String rule = RuleMessages.rule("1.9", tck().seed());
        Instant frozen = Instant.parse("2026-11-23T10:15:30.123987Z");
        VersionedStore store = tck().store(StoreOptions.builder().clock(Clock.fixed(frozen, ZoneOffset.UTC)).build());
        EntitySpec spec = EntitySpec.builder(TckFixture.tableName("tck_ts")).partitionKey("id", ColumnType.TEXT)
                .column("value", ColumnType.BIGINT).version("updated_at", VersionKind.TIMESTAMP).build();
        store.createTable(spec);
        VersionedRepository<Row, PrimaryKey> rows = store.rows(spec);
        PrimaryKey key = PrimaryKey.of("a");
        Row row = rows.insert(Row.builder().set("id", "a").set("value", 0L).build());
        Instant first = Instant.parse("2026-11-23T10:15:30.123Z");
        assertThat(row.getInstant("updated_at")).as(rule + ": millisecond precision").isEqualTo(first);
        row = rows.updateWithVersion(key, row.getInstant("updated_at"), Changes.of("value", 1L));
        assertThat(row.getInstant("updated_at")).as(rule + ": versioned update").isEqualTo(first.plusMillis(1));
        row = rows.updateIfExists(key, Changes.of("value", 2L)).entity();
        assertThat(row.getInstant("updated_at")).as(rule + ": conditional update").isEqualTo(first.plusMillis(2));
        row = rows.update(key, Changes.of("value", 3L), Condition.equalTo("value", 2L)).entity();
        assertThat(row.getInstant("updated_at")).as(rule + ": custom condition").isEqualTo(first.plusMillis(3));
        assertThat(rows.find(key).orElseThrow()).as(rule).isEqualTo(row);
        Instant later = Instant.now().plusSeconds(3600);
        VersionedStore moving = tck().store(StoreOptions.builder().clock(Clock.fixed(later, ZoneOffset.UTC)).build());
        Row jumped = moving.rows(spec).updateWithVersion(key, row.getInstant("updated_at"), Changes.of("value", 4L));
        assertThat(jumped.getInstant("updated_at")).as(rule + ": follows a clock that is ahead")
                .isEqualTo(later.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    @Test
    default void required_1_10_conditions_have_reference_semantics() {
        String rule = RuleMessages.rule("1.10", tck().seed());
        EntitySpec spec = EntitySpec.builder(TckFixture.tableName("tck_cond")).partitionKey("id", ColumnType.TEXT)
                .column("n", ColumnType.BIGINT).column("t", ColumnType.TEXT).column("touched", ColumnType.INT)
                .version("version", VersionKind.LONG).build();
        VersionedStore store = tck().store();
        store.createTable(spec);
        VersionedRepository<Row, PrimaryKey> rows = store.rows(spec);
        rows.insert(Row.builder().set("id", "p").set("n", 5L).set("t", "m").set("touched", 0).build());
        rows.insert(Row.builder().set("id", "z").set("touched", 0).build());
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
                new Case("p", Condition.greaterThanOrEqualTo("n", 5L).and(Condition.equalTo("t", "m")), true),
                new Case("p", Condition.greaterThanOrEqualTo("n", 5L).and(Condition.equalTo("t", "x")), false),
                new Case("z", Condition.isNull("n").and(Condition.isNull("t")), true),
                new Case("p", Condition.always(), true));
        for (Case check : cases) {
            PrimaryKey key = PrimaryKey.of(check.row());
            Row before = rows.find(key).orElseThrow();
            WriteResult<Row> result = rows.update(key, Changes.none().increment("touched", 1), check.condition());
            String what = rule + ": IF " + check.condition() + " on row " + before;
            assertThat(result.applied()).as(what).isEqualTo(check.applies());
            if (check.applies()) {
                assertThat(result.entity().getInt("touched")).as(what).isEqualTo(before.getInt("touched") + 1);
            } else {
                assertThat(result.existing()).as(what + ": existing() is the current row").contains(before);
                assertThat(rows.find(key)).as(what + ": nothing written").contains(before);
            }
        }
        WriteResult<Row> absent = rows.update(PrimaryKey.of("ghost"), Changes.of("t", "x"), Condition.isNull("n"));
        assertThat(absent.applied()).as(rule + ": absent row").isFalse();
        assertThat(absent.existing()).as(rule + ": absent row").isEmpty();
        everyOperatorOnEveryTypeMatchesTheReference(rule);
    }

    /** Rule 1.10 on every column type: each write's outcome and the row after it are the reference backend's. */
    private void everyOperatorOnEveryTypeMatchesTheReference(String rule) {
        EntitySpec spec = ConditionMatrix.spec(TckFixture.tableName("tck_matrix"));
        tck().store().createTable(spec);
        VersionedRepository<Row, PrimaryKey> backend = tck().store().rows(spec);
        try (VersionedStore reference = VersionedStores.open("optilock:mem:")) {
            reference.createTable(spec);
            VersionedRepository<Row, PrimaryKey> expected = reference.rows(spec);
            int index = 0;
            int applied = 0;
            for (boolean set : new boolean[] {true, false}) {
                for (Condition condition : ConditionMatrix.conditions()) {
                    PrimaryKey key = PrimaryKey.of("row" + index);
                    backend.insert(ConditionMatrix.state(set, "row" + index));
                    expected.insert(ConditionMatrix.state(set, "row" + index));
                    index++;
                    WriteResult<Row> wanted = expected.update(key, Changes.of("note", "changed"), condition);
                    WriteResult<Row> actual = backend.update(key, Changes.of("note", "changed"), condition);
                    String what = rule + ": IF " + condition + " on a row " + (set ? "with values" : "of nulls");
                    assertThat(actual.applied()).as(what + ": applied").isEqualTo(wanted.applied());
                    if (wanted.applied()) {
                        applied++;
                        assertThat(actual.entity()).as(what + ": the row after the write").isEqualTo(wanted.entity());
                    } else {
                        assertThat(actual.existing()).as(what + ": existing() is the current row").isEqualTo(wanted.existing());
                    }
                    assertThat(backend.find(key)).as(what + ": the stored row").isEqualTo(expected.find(key));
                }
            }
            assertThat(applied).as(rule + ": the matrix holds conditions that apply and conditions that do not")
                    .isBetween(10, index - 10);
        }
    }

    @Test
    default void required_1_13_composite_keys_address_whole_keys() {
        String rule = RuleMessages.rule("1.13", tck().seed());
        EntitySpec spec = EntitySpec.builder(TckFixture.tableName("tck_pins")).partitionKey("mh_prefix", ColumnType.TEXT)
                .clusteringKey("cid_bin", ColumnType.BYTES).column("note", ColumnType.TEXT)
                .version("updated_at", VersionKind.TIMESTAMP).build();
        VersionedStore store = tck().store();
        store.createTable(spec);
        VersionedRepository<Row, PrimaryKey> pins = store.rows(spec);
        byte[] one = {1, 2, 3};
        byte[] two = {1, 2, 4};
        Row a1 = pins.insert(Row.builder().set("mh_prefix", "a").set("cid_bin", one).set("note", "a1").build());
        Row a2 = pins.insert(Row.builder().set("mh_prefix", "a").set("cid_bin", two).set("note", "a2").build());
        Row b1 = pins.insert(Row.builder().set("mh_prefix", "b").set("cid_bin", one).set("note", "b1").build());
        Row updated = pins.updateWithVersion(PrimaryKey.of("a", one), a1.getInstant("updated_at"), Changes.of("note", "a1!"));
        assertThat(updated.getString("note")).as(rule).isEqualTo("a1!");
        assertThat(pins.find(PrimaryKey.of("a", two))).as(rule + ": sibling in the partition untouched").contains(a2);
        assertThat(pins.find(PrimaryKey.of("b", one))).as(rule + ": same clustering key elsewhere untouched").contains(b1);
        assertThat(pins.deleteIfExists(PrimaryKey.of("a", two))).as(rule).isTrue();
        assertThat(pins.find(PrimaryKey.of("a", one))).as(rule).contains(updated);
        assertThat(catchThrowable(() -> pins.find(PrimaryKey.of("a")))).as(rule + ": a partial key is bad input")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    default void required_1_14_soft_deleted_rows_are_invisible() {
        String rule = RuleMessages.rule("1.14", tck().seed());
        EntitySpec spec = EntitySpec.builder(TckFixture.tableName("tck_soft")).partitionKey("id", ColumnType.TEXT)
                .column("value", ColumnType.BIGINT).version("version", VersionKind.LONG).softDelete("deleted_at").build();
        VersionedStore store = tck().store();
        store.createTable(spec);
        VersionedRepository<Row, PrimaryKey> rows = store.rows(spec);
        PrimaryKey key = PrimaryKey.of("a");
        rows.insert(Row.builder().set("id", "a").set("value", 1L).build());
        Row deleted = rows.softDelete(key, 1L);
        assertThat(deleted.getInstant("deleted_at")).as(rule).isNotNull();
        assertThat(deleted.getLong("version")).as(rule).isEqualTo(2L);
        assertThat(rows.find(key)).as(rule + ": find").isEmpty();
        assertThat(catchThrowable(() -> rows.updateWithVersion(key, 2L, Changes.of("value", 5L)))).as(rule + ": updateWithVersion")
                .isInstanceOf(EntityNotFoundException.class);
        assertThat(rows.updateIfExists(key, Changes.of("value", 5L)).existing()).as(rule + ": updateIfExists").isEmpty();
        assertThat(rows.deleteIfExists(key)).as(rule + ": deleteIfExists").isFalse();
        assertThat(rows.insertIfAbsent(Row.builder().set("id", "a").build()).applied()).as(rule + ": the key stays taken").isFalse();
        VersionedRepository<Row, PrimaryKey> all = rows.includingDeleted();
        assertThat(all.find(key)).as(rule + ": includingDeleted").contains(deleted);
        Row restored = all.updateWithVersion(key, 2L, Changes.of("deleted_at", null));
        assertThat(rows.find(key)).as(rule + ": restored").contains(restored);
        assertThat(restored.getLong("value")).as(rule).isEqualTo(1L);
    }

    @Test
    default void required_1_15_typed_records_round_trip() {
        String rule = RuleMessages.rule("1.15", tck().seed());
        VersionedStore store = tck().store();
        store.createTable(Account.class);
        VersionedRepository<Account, String> accounts = store.repository(Account.class, String.class);
        String id = "acct-" + UUID.randomUUID();
        UUID external = UUID.randomUUID();
        Account opened = accounts.insert(new Account(id, "Zoë", Account.Status.ACTIVE, 3, Long.MAX_VALUE, true, 2.5,
                new BigDecimal("99.90"), external, Instant.parse("2026-01-02T03:04:05.006Z"), new byte[] {7}, 42L, null));
        assertThat(opened.version()).as(rule + ": the initial version replaces the given one").isEqualTo(1L);
        Account found = accounts.find(id).orElseThrow();
        assertThat(found.status()).as(rule).isEqualTo(Account.Status.ACTIVE);
        assertThat(found.owner()).as(rule).isEqualTo("Zoë");
        assertThat(found.points()).as(rule).isEqualTo(Long.MAX_VALUE);
        assertThat(found.balance()).as(rule).isEqualByComparingTo("99.90");
        assertThat(found.externalId()).as(rule).isEqualTo(external);
        assertThat(found.avatar()).as(rule).containsExactly(7);
        Account frozen = accounts.updateWithVersion(id, 1L, Changes.of("status", Account.Status.FROZEN).set("level", 4));
        assertThat(frozen.status()).as(rule + ": enum changes").isEqualTo(Account.Status.FROZEN);
        assertThat(frozen.level()).as(rule).isEqualTo(4);
        Throwable conflict = catchThrowable(() -> accounts.updateWithVersion(id, 1L, Changes.of("level", 5)));
        assertThat(conflict).as(rule).isInstanceOfSatisfying(OptimisticLockException.class, e -> {
            assertThat(e.key()).as(rule + ": the key as the caller passed it").isEqualTo(id);
            e.currentEntity(Account.class).ifPresent(current -> assertThat(current.status()).as(rule).isEqualTo(Account.Status.FROZEN));
        });
        Account modified = accounts.modify(id, current -> Changes.of("points", current.points() - 1), RetryPolicy.DEFAULT);
        assertThat(modified.points()).as(rule).isEqualTo(Long.MAX_VALUE - 1);
        Account closed = accounts.softDelete(id, modified.version());
        assertThat(closed.closedAt()).as(rule).isNotNull();
        assertThat(accounts.find(id)).as(rule).isEmpty();
    }

    @Test
    default void required_1_16_every_column_type_round_trips_edge_values() {
        String rule = RuleMessages.rule("1.16", tck().seed());
        EntitySpec spec = tck().typesTable("tck_types", VersionKind.UUID);
        VersionedStore store = tck().store();
        VersionedRepository<Row, PrimaryKey> rows = store.rows(spec);
        List<Row> samples = new ArrayList<>();
        samples.add(Row.builder().set("id", "max").set("text_value", "héllo ✓ 🌍 'quoted' \"double\" \\ back")
                .set("int_value", Integer.MAX_VALUE).set("bigint_value", Long.MAX_VALUE).set("boolean_value", true)
                .set("double_value", Double.MAX_VALUE).set("decimal_value", new BigDecimal("12345678901234567890.123456789"))
                .set("uuid_value", UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff"))
                .set("timestamp_value", Instant.parse("2262-04-11T23:47:16.854Z")).set("bytes_value", new byte[] {0, -1, 127, -128}).build());
        samples.add(Row.builder().set("id", "min").set("text_value", "").set("int_value", Integer.MIN_VALUE)
                .set("bigint_value", Long.MIN_VALUE).set("boolean_value", false).set("double_value", -1.0E-300)
                .set("decimal_value", new BigDecimal("-0.10")).set("uuid_value", new UUID(0, 0))
                .set("timestamp_value", Instant.parse("1900-01-01T00:00:00.001Z")).set("bytes_value", new byte[0]).build());
        samples.add(Row.builder().set("id", "nulls").build());
        samples.add(Row.builder().set("id", "epoch").set("text_value", " ").set("int_value", 0).set("bigint_value", 0L)
                .set("double_value", 0.1).set("decimal_value", new BigDecimal("1.50")).set("uuid_value", UUID.randomUUID())
                .set("timestamp_value", Instant.EPOCH).set("bytes_value", new byte[] {42}).build());
        samples.add(Row.builder().set("id", "far").set("text_value", "; -- not a comment").set("double_value", Double.MIN_VALUE)
                .set("decimal_value", new BigDecimal("-12345678901234567890.000000000000000001"))
                .set("timestamp_value", Instant.parse("9999-12-31T23:59:59.999Z")).set("bytes_value", new byte[] {-1}).build());
        // Integers beyond 2^53 that a double cannot hold (a JSON number read as a double rounds them).
        samples.add(Row.builder().set("id", "beyond-double").set("bigint_value", (1L << 53) + 1).set("int_value", 16_777_217)
                .set("double_value", -(double) ((1L << 53) - 1)).build());
        samples.add(Row.builder().set("id", "tiny").set("double_value", 0.1 + 0.2)
                .set("decimal_value", new BigDecimal("0.000000000000000000000000000001")).build());
        samples.add(Row.builder().set("id", "nan").set("double_value", Double.NaN).build());
        samples.add(Row.builder().set("id", "infinity").set("double_value", Double.POSITIVE_INFINITY).build());
        samples.add(Row.builder().set("id", "negative-infinity").set("double_value", Double.NEGATIVE_INFINITY).build());
        samples.add(Row.builder().set("id", "long").set("text_value", "x".repeat(10_000)).set("bytes_value", new byte[100_000]).build());
        for (Row sample : samples) {
            Row inserted = rows.insert(sample);
            Row found = rows.find(PrimaryKey.of(sample.getString("id"))).orElseThrow();
            assertThat(found).as(rule + ": insert returns what find reads").isEqualTo(inserted);
            for (String column : sample.columns()) {
                Object expected = sample.get(column);
                Object actual = found.get(column);
                String what = rule + ": column " + column + " of row " + sample.getString("id");
                if (expected instanceof byte[] bytes) {
                    assertThat((byte[]) actual).as(what).isEqualTo(bytes);
                } else if (expected instanceof BigDecimal decimal) {
                    assertThat((BigDecimal) actual).as(what).isEqualByComparingTo(decimal);
                } else {
                    assertThat(actual).as(what).isEqualTo(expected);
                }
            }
            for (String column : spec.columns().stream().map(c -> c.name()).toList()) {
                if (!sample.has(column) && !column.equals("version")) {
                    assertThat(found.get(column)).as(rule + ": unset column " + column + " reads as null").isNull();
                }
            }
        }
        Row empty = rows.find(PrimaryKey.of("min")).orElseThrow();
        assertThat(empty.getString("text_value")).as(rule + ": empty text is not null").isEqualTo("");
        assertThat(empty.getBytes("bytes_value")).as(rule + ": empty bytes are not null").isEmpty();
        Row cleared = rows.updateWithVersion(PrimaryKey.of("min"), empty.getUuid("version"),
                Changes.of("text_value", null).set("bytes_value", null).set("decimal_value", new BigDecimal("3.000")));
        Row reread = rows.find(PrimaryKey.of("min")).orElseThrow();
        assertThat(reread).as(rule + ": update returns what find reads").isEqualTo(cleared);
        assertThat(reread.get("text_value")).as(rule).isNull();
        assertThat(reread.get("bytes_value")).as(rule).isNull();
        assertThat(reread.getDecimal("decimal_value")).as(rule).isEqualByComparingTo("3");
    }

    @Test
    default void required_1_17_bad_input_is_rejected_and_nothing_written() {
        String rule = RuleMessages.rule("1.17", tck().seed());
        EntitySpec spec = tck().counterTable("tck_bad", VersionKind.LONG);
        VersionedRepository<Row, PrimaryKey> rows = tck().store().rows(spec);
        PrimaryKey key = PrimaryKey.of("a");
        Row original = rows.insert(Row.builder().set("id", "a").set("value", 1L).build());
        List<Runnable> bad = List.of(
                () -> rows.updateWithVersion(null, 1L, Changes.of("value", 2L)),
                () -> rows.updateWithVersion(PrimaryKey.of("a", "b"), 1L, Changes.of("value", 2L)),
                () -> rows.updateWithVersion(PrimaryKey.of(7), 1L, Changes.of("value", 2L)),
                () -> rows.updateWithVersion(key, null, Changes.of("value", 2L)),
                () -> rows.updateWithVersion(key, UUID.randomUUID(), Changes.of("value", 2L)),
                () -> rows.updateWithVersion(key, 1L, Changes.none()),
                () -> rows.updateWithVersion(key, 1L, null),
                () -> rows.updateWithVersion(key, 1L, Changes.of("missing", 2L)),
                () -> rows.updateWithVersion(key, 1L, Changes.of("value", "two")),
                () -> rows.updateWithVersion(key, 1L, Changes.of("id", "b")),
                () -> rows.updateWithVersion(key, 1L, Changes.of("version", 9L)),
                () -> rows.updateWithVersion(key, 1L, Changes.none().increment("note", 1)),
                () -> rows.updateWithVersion(key, 1L, Changes.of("value", 2L).set("note", 3)),
                () -> rows.update(key, Changes.of("value", 2L), null),
                () -> rows.update(key, Changes.of("value", 2L), Condition.equalTo("missing", 1)),
                () -> rows.update(key, Changes.of("value", 2L), Condition.equalTo("value", "one")),
                () -> rows.insert(Row.builder().set("value", 5L).build()),
                () -> rows.insert(Row.builder().set("id", "b").set("value", "five").build()),
                () -> rows.insert(Row.builder().set("id", "b").set("unknown", 1).build()),
                () -> rows.deleteWithVersion(key, "1"),
                () -> rows.modify(key, null, RetryPolicy.DEFAULT),
                () -> rows.modify(key, row -> Changes.of("value", 2L), null));
        for (int i = 0; i < bad.size(); i++) {
            Throwable thrown = catchThrowable(bad.get(i)::run);
            assertThat(thrown).as(rule + ": bad input #" + i).isInstanceOf(IllegalArgumentException.class);
            assertThat(thrown.getMessage()).as(rule + ": bad input #" + i + " names the problem").isNotBlank();
        }
        assertThat(rows.find(key)).as(rule + ": nothing written").contains(original);
        assertThat(rows.find(PrimaryKey.of("b"))).as(rule + ": nothing inserted").isEmpty();
        assertThat(Arrays.asList(tck().store().counters().applied())).as(rule + ": one applied write (the setup insert)")
                .containsExactly(1L);
    }
}
