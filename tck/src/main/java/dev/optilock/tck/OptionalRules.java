package dev.optilock.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.optilock.Capability;
import dev.optilock.Changes;
import dev.optilock.ColumnType;
import dev.optilock.EntitySpec;
import dev.optilock.GroupResult;
import dev.optilock.GroupWrite;
import dev.optilock.OptimisticLockException;
import dev.optilock.OutcomeUnknownException;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.StoreCounters;
import dev.optilock.VersionKind;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Optional rules: each runs only when the backend declares the capability it names. */
public interface OptionalRules extends TckHooks {

    /**
     * A store of the backend that loses responses to some writes (the write may or may not be applied and
     * the caller gets an {@link OutcomeUnknownException}), or null if the backend cannot inject faults.
     */
    VersionedStore openStoreWithLostResponses();

    @Test
    default void optional_5_1_conflicts_carry_the_current_row() {
        VersionedStore store = tck().store();
        assumeTrue(store.capabilities().has(Capability.CURRENT_ROW_ON_CONFLICT),
                "backend does not declare capability CURRENT_ROW_ON_CONFLICT");
        String rule = RuleMessages.rule("5.1", tck().seed());
        EntitySpec spec = tck().counterTable("tck_cur", VersionKind.LONG);
        VersionedRepository<Row, PrimaryKey> rows = store.rows(spec);
        rows.insert(Row.builder().set("id", "a").set("value", 1L).build());
        Row current = rows.updateWithVersion(PrimaryKey.of("a"), 1L, Changes.of("value", 2L));
        Throwable thrown = catchThrowable(() -> rows.updateWithVersion(PrimaryKey.of("a"), 1L, Changes.of("value", 3L)));
        assertThat(thrown).as(rule).isInstanceOfSatisfying(OptimisticLockException.class,
                e -> assertThat(e.currentEntity(Row.class)).as(rule).contains(current));
    }

    @Test
    default void optional_5_2_lost_responses_are_never_success_or_conflict() {
        VersionedStore faulty = openStoreWithLostResponses();
        assumeTrue(faulty != null, "backend does not provide openStoreWithLostResponses() (capability FAULT_INJECTION)");
        String rule = RuleMessages.rule("5.2", tck().seed());
        try (faulty) {
            assertThat(faulty.capabilities().has(Capability.FAULT_INJECTION)).as(rule + ": declares FAULT_INJECTION").isTrue();
            EntitySpec spec = EntitySpec.builder(TckFixture.tableName("tck_lost_resp")).partitionKey("id", ColumnType.TEXT)
                    .column("value", ColumnType.BIGINT).column("note", ColumnType.TEXT).version("version", VersionKind.UUID).build();
            faulty.createTable(spec);
            VersionedRepository<Row, PrimaryKey> rows = faulty.rows(spec);
            // The workload runs at least once, and again (on new keys) until it has met lost responses or 60 s have
            // passed: a real fault injector (a paused node) need not hit the first pass. Every pass must be linearizable.
            StoreCounters before = faulty.counters();
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
            long met = 0;
            for (int pass = 0; pass == 0 || met == 0 && System.nanoTime() < deadline; pass++) {
                History history = new MixedWorkload(rows, List.of("f0-" + pass, "f1-" + pass)).run(3, 60, tck().seed() + pass);
                tck().exportHistory("5.2-pass-" + pass, history);
                LinearizabilityChecker.Result result = LinearizabilityChecker.check(history);
                assertThat(result.linearizable()).as(rule + ": pass " + pass + ": " + result.explanation()).isTrue();
                StoreCounters after = faulty.counters();
                met = after.unknownOutcomes() - before.unknownOutcomes() + after.settledOutcomes() - before.settledOutcomes();
            }
            assertThat(met).as(rule + ": the workload met lost responses (reported unknown or settled; faults: " + faulty + ")")
                    .isPositive();
            boolean settles = faulty.capabilities().has(Capability.WRITE_IDENTITY);
            PrimaryKey key = PrimaryKey.of("solo");
            for (int attempt = 0; attempt < 100; attempt++) {
                Row row = rows.find(key).orElse(null);
                if (row == null) {
                    catchThrowable(() -> rows.insertIfAbsent(Row.builder().set("id", "solo").set("value", 0L).build()));
                    continue;
                }
                Throwable thrown = catchThrowable(() -> rows.updateWithVersion(key, row.get("version"), Changes.of("value", 1L)));
                if (settles) {
                    assertThat(thrown).as(rule + ": a store with write identities settles a solo versioned write").isNull();
                } else if (thrown != null) {
                    assertThat(thrown).as(rule + ": a solo versioned write either applies or is unknown")
                            .isInstanceOf(OutcomeUnknownException.class);
                }
            }
        }
    }

    /** Groups of two rows: inserted, moved 20 times, deleted and inserted again, each group taking effect exactly once. */
    private static void settledGroups(String rule, VersionedRepository<Row, PrimaryKey> rows, String id) {
        PrimaryKey left = PrimaryKey.of(id, "left");
        PrimaryKey right = PrimaryKey.of(id, "right");
        for (int incarnation = 0; incarnation < 2; incarnation++) {
            GroupResult<Row, PrimaryKey> inserted = rows.applyAtomically(List.of(
                    GroupWrite.insert(Row.builder().set("id", id).set("part", "left").set("value", 100L).build()),
                    GroupWrite.insert(Row.builder().set("id", id).set("part", "right").set("value", 0L).build())));
            assertThat(inserted.applied()).as(rule + ": the group insert took effect").isTrue();
            Row l = inserted.items().get(0).entity();
            Row r = inserted.items().get(1).entity();
            for (long moved = 1; moved <= 20; moved++) {
                GroupResult<Row, PrimaryKey> move = rows.applyAtomically(List.of(
                        GroupWrite.updateWithVersion(left, l.get("version"), Changes.none().increment("value", -1L)),
                        GroupWrite.updateWithVersion(right, r.get("version"), Changes.none().increment("value", 1L))));
                assertThat(move.applied()).as(rule + ": group move " + moved + " applied").isTrue();
                l = move.items().get(0).entity();
                r = move.items().get(1).entity();
                assertThat(rows.find(left).orElseThrow().getLong("value")).as(rule + ": group move " + moved + " took effect once")
                        .isEqualTo(100L - moved);
                assertThat(rows.find(right).orElseThrow().getLong("value")).as(rule + ": group move " + moved + " took effect once")
                        .isEqualTo(moved);
            }
            GroupResult<Row, PrimaryKey> deleted = rows.applyAtomically(List.of(
                    GroupWrite.deleteWithVersion(left, l.get("version")), GroupWrite.deleteWithVersion(right, r.get("version"))));
            assertThat(deleted.applied()).as(rule + ": the group delete took effect").isTrue();
            assertThat(rows.find(left)).as(rule + ": the group delete took effect").isEmpty();
            assertThat(rows.find(right)).as(rule + ": the group delete took effect").isEmpty();
        }
    }

    @Test
    default void optional_5_3_lost_responses_are_settled_with_write_identities() {
        VersionedStore faulty = openStoreWithLostResponses();
        assumeTrue(faulty != null, "backend does not provide openStoreWithLostResponses() (capability FAULT_INJECTION)");
        String rule = RuleMessages.rule("5.3", tck().seed());
        try (faulty) {
            assumeTrue(faulty.capabilities().has(Capability.WRITE_IDENTITY), "the faulty store does not declare WRITE_IDENTITY");
            // Both tables first: a store whose faults start with its first repository (a paused server) creates them
            // undisturbed.
            EntitySpec spec = tck().counterTable("tck_settle", VersionKind.LONG);
            faulty.createTable(spec);
            EntitySpec groups = EntitySpec.builder(TckFixture.tableName("tck_settle_group")).partitionKey("id", ColumnType.TEXT)
                    .clusteringKey("part", ColumnType.TEXT).column("value", ColumnType.BIGINT).version("version", VersionKind.LONG)
                    .build();
            faulty.createTable(groups);
            VersionedRepository<Row, PrimaryKey> rows = faulty.rows(spec);
            long before = faulty.counters().settledOutcomes();
            // The script runs at least once, and again (on new keys) until it has met lost responses or 60 s have
            // passed: a real fault injector (a paused node) need not hit the first pass.
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
            for (int pass = 0; pass == 0 || faulty.counters().settledOutcomes() == before && System.nanoTime() < deadline; pass++) {
                PrimaryKey key = PrimaryKey.of("s" + pass);
                Row fresh = Row.builder().set("id", "s" + pass).set("value", 0L).build();
                Row row = rows.insert(fresh);
                for (long count = 1; count <= 40; count++) {
                    row = rows.updateWithVersion(key, row.get("version"), Changes.none().increment("value", 1L));
                    assertThat(row.getLong("value")).as(rule + ": update " + count + " took effect once").isEqualTo(count);
                }
                rows.deleteWithVersion(key, row.get("version"));
                assertThat(rows.find(key)).as(rule + ": the settled delete took effect").isEmpty();
                row = rows.insert(fresh);
                for (long count = 1; count <= 10; count++) {
                    row = rows.updateWithVersion(key, row.get("version"), Changes.none().increment("value", 1L));
                    assertThat(row.getLong("value")).as(rule + ": update " + count + " after the re-insert took effect once")
                            .isEqualTo(count);
                }
                assertThat(rows.find(key)).as(rule).contains(row);
                assertThat(rows.deleteIfExists(key)).as(rule + ": deleteIfExists settled").isTrue();
                assertThat(rows.find(key)).as(rule).isEmpty();
                settledGroups(rule, faulty.rows(groups), "g" + pass);
            }
            assertThat(faulty.counters().settledOutcomes() - before)
                    .as(rule + ": the script met lost responses and settled them (faults: " + faulty + ")").isPositive();
        }
    }
}
