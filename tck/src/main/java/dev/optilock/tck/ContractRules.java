package dev.optilock.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.optilock.Changes;
import dev.optilock.Condition;
import dev.optilock.EntityExistsException;
import dev.optilock.EntityNotFoundException;
import dev.optilock.EntitySpec;
import dev.optilock.ItemOutcome;
import dev.optilock.NonTransientOptilockException;
import dev.optilock.OptimisticLockException;
import dev.optilock.PrimaryKey;
import dev.optilock.RetryPolicy;
import dev.optilock.Row;
import dev.optilock.VersionKind;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedUpdate;
import dev.optilock.WriteResult;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Single-threaded contract rules 1.1 to 1.9 and 1.11 to 1.21 (1.10 and 1.16 have their own interfaces). */
public interface ContractRules extends TckHooks {

    private VersionedRepository<Row, PrimaryKey> counters(String prefix, VersionKind kind) {
        EntitySpec spec = tck().counterTable(prefix, kind);
        return tck().store().rows(spec);
    }

    private static Row counter(String id, long value) {
        return Row.builder().set("id", id).set("value", value).set("note", "n").build();
    }

    @Test
    default void required_1_26_ping_answers() {
        String rule = RuleMessages.rule("1.26", tck().seed());
        java.time.Duration took = tck().store().ping();
        assertThat(took).as(rule + ": the time ping took").isNotNull().isGreaterThanOrEqualTo(java.time.Duration.ZERO);
        VersionedRepository<Row, PrimaryKey> rows = tck().store().rows(tck().counterTable("tck_ping", VersionKind.LONG));
        rows.insert(Row.builder().set("id", "a").set("value", 1L).build());
        assertThat(tck().store().ping()).as(rule + ": ping after a write").isGreaterThanOrEqualTo(java.time.Duration.ZERO);
        assertThat(rows.find(PrimaryKey.of("a"))).as(rule + ": a read after ping").isPresent();
    }

    @Test
    default void required_1_27_update_with_the_version_of_an_entity() {
        String rule = RuleMessages.rule("1.27", tck().seed());
        for (VersionKind kind : VersionKind.values()) {
            VersionedRepository<Row, PrimaryKey> rows = counters("tck_entity_" + kind.name().toLowerCase(java.util.Locale.ROOT), kind);
            Row read = rows.insert(counter("a", 1));
            Row written = rows.updateWithVersion(read, Changes.of("note", "changed"));
            assertThat(written).as(rule + " (" + kind + "): the entity returned is the row stored")
                    .isEqualTo(rows.find(PrimaryKey.of("a")).orElseThrow());
            assertThat(written.asMap()).as(rule + " (" + kind + ")").containsEntry("note", "changed").containsEntry("value", 1L);
            assertThat(written.get("version")).as(rule + " (" + kind + "): a new version").isNotEqualTo(read.get("version"));

            Throwable stale = catchThrowable(() -> rows.updateWithVersion(read, Changes.of("note", "lost")));
            assertThat(stale).as(rule + " (" + kind + "): a stale entity").isInstanceOf(OptimisticLockException.class);
            assertThat(rows.find(PrimaryKey.of("a")).orElseThrow()).as(rule + " (" + kind + "): nothing written").isEqualTo(written);

            // An entity whose value is not the stored one: the increment follows the stored value.
            Row skewed = written.toBuilder().set("value", 100L).build();
            Row incremented = rows.updateWithVersion(skewed, Changes.none().increment("value", 2L));
            assertThat(incremented.getLong("value")).as(rule + " (" + kind + "): an increment of the stored value").isEqualTo(3L);
            assertThat(rows.find(PrimaryKey.of("a")).orElseThrow()).as(rule + " (" + kind + ")").isEqualTo(incremented);

            Throwable absent = catchThrowable(() -> rows.updateWithVersion(counter("absent", 1).toBuilder()
                    .set("version", incremented.get("version")).build(), Changes.of("note", "x")));
            assertThat(absent).as(rule + " (" + kind + "): an absent row").isInstanceOf(EntityNotFoundException.class);
        }
    }

    @Test
    default void required_1_1_find_returns_the_inserted_row() {
        VersionedRepository<Row, PrimaryKey> rows = counters("tck_find", VersionKind.LONG);
        String rule = RuleMessages.rule("1.1", tck().seed());
        Row inserted = rows.insert(counter("a", 7));
        assertThat(rows.find(PrimaryKey.of("a"))).as(rule).contains(inserted);
        assertThat(inserted.asMap()).as(rule).containsEntry("value", 7L).containsEntry("version", 1L).containsEntry("note", "n");
        assertThat(rows.find(PrimaryKey.of("absent"))).as(rule).isEmpty();
    }

    @Test
    default void required_1_2_insert_if_absent_reports_the_existing_row() {
        VersionedRepository<Row, PrimaryKey> rows = counters("tck_ins", VersionKind.UUID);
        String rule = RuleMessages.rule("1.2", tck().seed());
        WriteResult<Row> first = rows.insertIfAbsent(counter("a", 1));
        WriteResult<Row> second = rows.insertIfAbsent(counter("a", 2));
        assertThat(first.applied()).as(rule).isTrue();
        assertThat(first.existing()).as(rule).isEmpty();
        assertThat(second.applied()).as(rule).isFalse();
        assertThat(second.existing()).as(rule).contains(first.entity());
        assertThat(rows.find(PrimaryKey.of("a")).orElseThrow().getLong("value")).as(rule).isEqualTo(1L);
    }

    @Test
    default void required_1_3_insert_throws_when_the_key_is_taken() {
        VersionedRepository<Row, PrimaryKey> rows = counters("tck_insx", VersionKind.LONG);
        String rule = RuleMessages.rule("1.3", tck().seed());
        Row first = rows.insert(counter("a", 1));
        Throwable thrown = catchThrowable(() -> rows.insert(counter("a", 2)));
        assertThat(thrown).as(rule).isInstanceOfSatisfying(EntityExistsException.class, e -> {
            assertThat(e.entityName()).as(rule).isEqualTo(rows.spec().table());
            assertThat(e.key()).as(rule).isEqualTo(PrimaryKey.of("a"));
            assertThat(e.existing()).as(rule).contains(first);
        });
    }

    @Test
    default void required_1_4_update_with_version_applies_and_returns_the_next_version() {
        VersionedRepository<Row, PrimaryKey> rows = counters("tck_upd", VersionKind.LONG);
        String rule = RuleMessages.rule("1.4", tck().seed());
        rows.insert(counter("a", 1));
        Row updated = rows.updateWithVersion(PrimaryKey.of("a"), 1L, Changes.of("value", 5L).set("note", null));
        assertThat(updated.asMap()).as(rule).containsEntry("value", 5L).containsEntry("version", 2L).containsEntry("note", null);
        assertThat(rows.find(PrimaryKey.of("a"))).as(rule).contains(updated);
    }

    @Test
    default void required_1_5_stale_version_is_a_conflict_that_writes_nothing() {
        VersionedRepository<Row, PrimaryKey> rows = counters("tck_conf", VersionKind.LONG);
        String rule = RuleMessages.rule("1.5", tck().seed());
        rows.insert(counter("a", 1));
        Row current = rows.updateWithVersion(PrimaryKey.of("a"), 1L, Changes.of("value", 2L));
        Throwable thrown = catchThrowable(() -> rows.updateWithVersion(PrimaryKey.of("a"), 1L, Changes.of("value", 99L)));
        assertThat(thrown).as(rule + ": expected a conflict").isInstanceOfSatisfying(OptimisticLockException.class, e -> {
            assertThat(e.entityName()).as(rule).isEqualTo(rows.spec().table());
            assertThat(e.key()).as(rule).isEqualTo(PrimaryKey.of("a"));
            assertThat(e.expectedVersion()).as(rule).isEqualTo(1L);
            assertThat(e.actualVersion()).as(rule).contains(2L);
            e.currentEntity(Row.class).ifPresent(entity -> assertThat(entity).as(rule).isEqualTo(current));
        });
        assertThat(rows.find(PrimaryKey.of("a"))).as(rule + ": nothing written").contains(current);
        Throwable deleteConflict = catchThrowable(() -> rows.deleteWithVersion(PrimaryKey.of("a"), 1L));
        assertThat(deleteConflict).as(rule).isInstanceOf(OptimisticLockException.class);
        assertThat(rows.find(PrimaryKey.of("a"))).as(rule + ": nothing deleted").contains(current);
    }

    @Test
    default void required_1_6_absent_key_is_not_found_never_a_conflict() {
        VersionedRepository<Row, PrimaryKey> rows = counters("tck_nf", VersionKind.LONG);
        String rule = RuleMessages.rule("1.6", tck().seed());
        Throwable update = catchThrowable(() -> rows.updateWithVersion(PrimaryKey.of("ghost"), 1L, Changes.of("value", 1L)));
        assertThat(update).as(rule).isInstanceOfSatisfying(EntityNotFoundException.class, e -> {
            assertThat(e.entityName()).as(rule).isEqualTo(rows.spec().table());
            assertThat(e.key()).as(rule).isEqualTo(PrimaryKey.of("ghost"));
        });
        assertThat(catchThrowable(() -> rows.deleteWithVersion(PrimaryKey.of("ghost"), 1L))).as(rule)
                .isInstanceOf(EntityNotFoundException.class);
        assertThat(rows.find(PrimaryKey.of("ghost"))).as(rule + ": nothing written").isEmpty();
    }

    @Test
    default void required_1_7_long_versions_grow_by_one() {
        VersionedRepository<Row, PrimaryKey> rows = counters("tck_long", VersionKind.LONG);
        String rule = RuleMessages.rule("1.7", tck().seed());
        Row row = rows.insert(counter("a", 0));
        assertThat(row.getLong("version")).as(rule).isEqualTo(1L);
        for (long expected = 1; expected <= 5; expected++) {
            row = rows.updateWithVersion(PrimaryKey.of("a"), expected, Changes.of("value", expected));
            assertThat(row.getLong("version")).as(rule).isEqualTo(expected + 1);
        }
        row = rows.updateIfExists(PrimaryKey.of("a"), Changes.of("value", 0L)).entity();
        assertThat(row.getLong("version")).as(rule + " (updateIfExists)").isEqualTo(7L);
    }

    @Test
    default void required_1_8_uuid_versions_never_repeat() {
        VersionedRepository<Row, PrimaryKey> rows = counters("tck_uuid", VersionKind.UUID);
        String rule = RuleMessages.rule("1.8", tck().seed());
        Row row = rows.insert(counter("a", 0));
        Set<UUID> seen = new HashSet<>();
        seen.add(row.getUuid("version"));
        for (int i = 0; i < 10; i++) {
            row = i % 2 == 0 ? rows.updateWithVersion(PrimaryKey.of("a"), row.getUuid("version"), Changes.of("value", (long) i))
                    : rows.updateIfExists(PrimaryKey.of("a"), Changes.of("value", (long) i)).entity();
            assertThat(seen.add(row.getUuid("version"))).as(rule + ": version " + row.getUuid("version") + " repeated").isTrue();
            assertThat(rows.find(PrimaryKey.of("a")).orElseThrow().getUuid("version")).as(rule).isEqualTo(row.getUuid("version"));
        }
    }

    @Test
    default void required_1_11_update_if_exists() {
        VersionedRepository<Row, PrimaryKey> rows = counters("tck_uie", VersionKind.LONG);
        String rule = RuleMessages.rule("1.11", tck().seed());
        rows.insert(counter("a", 1));
        WriteResult<Row> applied = rows.updateIfExists(PrimaryKey.of("a"), Changes.of("note", "x"));
        assertThat(applied.applied()).as(rule).isTrue();
        assertThat(applied.entity().asMap()).as(rule).containsEntry("note", "x").containsEntry("version", 2L);
        WriteResult<Row> absent = rows.updateIfExists(PrimaryKey.of("ghost"), Changes.of("note", "x"));
        assertThat(absent.applied()).as(rule).isFalse();
        assertThat(absent.existing()).as(rule).isEmpty();
        assertThat(rows.find(PrimaryKey.of("ghost"))).as(rule + ": no upsert").isEmpty();
    }

    @Test
    default void required_1_12_delete_if_exists_and_delete_with_version() {
        VersionedRepository<Row, PrimaryKey> rows = counters("tck_del", VersionKind.LONG);
        String rule = RuleMessages.rule("1.12", tck().seed());
        rows.insert(counter("a", 1));
        rows.insert(counter("b", 1));
        assertThat(rows.deleteIfExists(PrimaryKey.of("a"))).as(rule).isTrue();
        assertThat(rows.deleteIfExists(PrimaryKey.of("a"))).as(rule).isFalse();
        assertThat(rows.find(PrimaryKey.of("a"))).as(rule).isEmpty();
        rows.deleteWithVersion(PrimaryKey.of("b"), 1L);
        assertThat(rows.find(PrimaryKey.of("b"))).as(rule).isEmpty();
        assertThat(rows.insertIfAbsent(counter("a", 3)).applied()).as(rule + ": a deleted key can be inserted again").isTrue();
    }

    @Test
    default void required_1_18_increment_is_atomic_and_treats_null_as_zero() {
        VersionedRepository<Row, PrimaryKey> rows = counters("tck_inc", VersionKind.LONG);
        String rule = RuleMessages.rule("1.18", tck().seed());
        rows.insert(Row.builder().set("id", "a").build());
        Row row = rows.updateWithVersion(PrimaryKey.of("a"), 1L, Changes.none().increment("value", 5L));
        assertThat(row.asMap()).as(rule + ": null counts as zero").containsEntry("value", 5L).containsEntry("version", 2L);
        row = rows.updateIfExists(PrimaryKey.of("a"), Changes.none().increment("value", -7L)).entity();
        assertThat(row.asMap()).as(rule).containsEntry("value", -2L).containsEntry("version", 3L);
        assertThat(rows.find(PrimaryKey.of("a")).orElseThrow().getLong("value")).as(rule).isEqualTo(-2L);
        rows.insert(Row.builder().set("id", "max").set("value", Long.MAX_VALUE).build());
        Throwable overflow = catchThrowable(() -> rows.updateIfExists(PrimaryKey.of("max"), Changes.none().increment("value", 1L)));
        assertThat(overflow).as(rule + ": an increment that overflows BIGINT is a data-access failure that a retry cannot fix")
                .isInstanceOf(NonTransientOptilockException.class);
        assertThat(rows.find(PrimaryKey.of("max")).orElseThrow().getLong("value")).as(rule + ": the overflow wrote nothing")
                .isEqualTo(Long.MAX_VALUE);
    }

    @Test
    default void required_1_19_update_all_reports_every_item() {
        VersionedRepository<Row, PrimaryKey> rows = counters("tck_all", VersionKind.LONG);
        String rule = RuleMessages.rule("1.19", tck().seed());
        rows.insert(counter("a", 1));
        rows.insert(counter("b", 1));
        List<ItemOutcome<Row, PrimaryKey>> outcomes = rows.updateAll(List.of(
                new VersionedUpdate<>(PrimaryKey.of("a"), 1L, Changes.of("value", 10L)),
                new VersionedUpdate<>(PrimaryKey.of("b"), 7L, Changes.of("value", 10L)),
                new VersionedUpdate<>(PrimaryKey.of("c"), 1L, Changes.of("value", 10L)),
                new VersionedUpdate<>(PrimaryKey.of("a"), 2L, Changes.of("value", 11L))));
        assertThat(outcomes).as(rule).hasSize(4).extracting(ItemOutcome::index).containsExactly(0, 1, 2, 3);
        assertThat(outcomes).as(rule).extracting(ItemOutcome::succeeded).containsExactly(true, false, false, true);
        assertThat(outcomes.get(1).failure()).as(rule).isInstanceOf(OptimisticLockException.class);
        assertThat(outcomes.get(2).failure()).as(rule).isInstanceOf(EntityNotFoundException.class);
        assertThat(outcomes.get(3).entity().asMap()).as(rule).containsEntry("value", 11L).containsEntry("version", 3L);
    }

    @Test
    default void required_1_20_async_matches_sync() {
        VersionedRepository<Row, PrimaryKey> rows = counters("tck_async", VersionKind.LONG);
        String rule = RuleMessages.rule("1.20", tck().seed());
        var async = rows.async();
        Row inserted = async.insert(counter("a", 1)).toCompletableFuture().join();
        assertThat(async.find(PrimaryKey.of("a")).toCompletableFuture().join()).as(rule).contains(inserted);
        Row updated = async.updateWithVersion(PrimaryKey.of("a"), 1L, Changes.of("value", 2L)).toCompletableFuture().join();
        assertThat(updated.getLong("version")).as(rule).isEqualTo(2L);
        assertThatThrownBy(() -> async.updateWithVersion(PrimaryKey.of("a"), 1L, Changes.of("value", 3L)).toCompletableFuture().join())
                .as(rule).isInstanceOf(CompletionException.class).hasCauseInstanceOf(OptimisticLockException.class);
        assertThatThrownBy(() -> async.updateWithVersion(PrimaryKey.of("a"), 2L, Changes.none()).toCompletableFuture().join())
                .as(rule).hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(async.modify(PrimaryKey.of("a"), row -> Changes.of("value", row.getLong("value") + 1), RetryPolicy.DEFAULT)
                .toCompletableFuture().join().getLong("value")).as(rule).isEqualTo(3L);
        assertThat(async.deleteIfExists(PrimaryKey.of("a")).toCompletableFuture().join()).as(rule).isTrue();

        // The other operations, sync on one row and async on its twin, must give the same answers.
        rows.insert(counter("sync", 5));
        rows.insert(counter("async", 5));
        Condition aboveFive = Condition.greaterThan("value", 5L);
        Condition belowSix = Condition.lessThan("value", 6L);
        List<Object> sync = List.of(
                rows.update(PrimaryKey.of("sync"), Changes.of("note", "x"), aboveFive).applied(),
                rows.update(PrimaryKey.of("sync"), Changes.none().increment("value", 2L), belowSix).entity().getLong("value"),
                rows.updateIfExists(PrimaryKey.of("sync-absent"), Changes.of("value", 1L)).applied(),
                rows.insertIfAbsent(counter("sync", 9)).existing().orElseThrow().getLong("value"));
        List<Object> asynchronous = List.of(
                join(async.update(PrimaryKey.of("async"), Changes.of("note", "x"), aboveFive)).applied(),
                join(async.update(PrimaryKey.of("async"), Changes.none().increment("value", 2L), belowSix)).entity().getLong("value"),
                join(async.updateIfExists(PrimaryKey.of("async-absent"), Changes.of("value", 1L))).applied(),
                join(async.insertIfAbsent(counter("async", 9))).existing().orElseThrow().getLong("value"));
        List<List<Object>> answers = List.of(sync, asynchronous);
        assertThat(answers.get(1)).as(rule + ": async answers (conditional update refused, conditional increment, update of an"
                + " absent row, insert of a taken key) equal the sync ones").isEqualTo(answers.get(0));
        assertThat(rows.find(PrimaryKey.of("async")).orElseThrow().getString("note"))
                .as(rule + ": the refused async conditional update wrote nothing").isNotEqualTo("x");
    }

    private static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    @Test
    default void required_1_21_modify_reads_computes_and_writes() {
        VersionedRepository<Row, PrimaryKey> rows = counters("tck_mod", VersionKind.LONG);
        String rule = RuleMessages.rule("1.21", tck().seed());
        rows.insert(counter("a", 41));
        Row row = rows.modify(PrimaryKey.of("a"), current -> Changes.of("value", current.getLong("value") + 1), RetryPolicy.DEFAULT);
        assertThat(row.asMap()).as(rule).containsEntry("value", 42L).containsEntry("version", 2L);
        assertThat(catchThrowable(() -> rows.modify(PrimaryKey.of("ghost"), current -> Changes.of("value", 1L), RetryPolicy.DEFAULT)))
                .as(rule).isInstanceOf(EntityNotFoundException.class);
    }
}
