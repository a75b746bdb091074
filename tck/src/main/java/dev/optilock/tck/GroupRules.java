package dev.optilock.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optilock.Changes;
import dev.optilock.ColumnType;
import dev.optilock.Condition;
import dev.optilock.EntitySpec;
import dev.optilock.GroupItem;
import dev.optilock.GroupItem.Status;
import dev.optilock.GroupResult;
import dev.optilock.GroupWrite;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.VersionKind;
import dev.optilock.VersionedRepository;
import dev.optilock.spi.Stages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Rules 1.23 and 2.6: atomic groups. 1.23 is deterministic: a group whose last write fails must leave its earlier
 * writes unapplied; the store sends such a group to the backend with the failing write as a statement that cannot
 * apply, so a backend that applies a group write by write fails it every time. 2.6 races groups that pin the same
 * versions, so exactly one can apply whatever the interleaving, and no unit may be created or lost. 2.6 is
 * stochastic: a backend that is not atomic passes it when no two groups interleave between their statements; 1.23 is
 * its deterministic twin.
 */
public interface GroupRules extends TckHooks {

    @Test
    default void required_1_23_a_group_applies_all_of_its_writes_or_none() {
        for (VersionKind kind : VersionKind.values()) {
            String rule = RuleMessages.rule("1.23", tck().seed()) + " [" + kind + "]";
            VersionedRepository<Row, PrimaryKey> bins = tck().store().rows(binTable(tck(), kind));
            Row a = bins.insert(bin("w1", "a", 10));
            Row b = bins.insert(bin("w1", "b", 5));

            // Applied: every write, each row's new state returned and stored.
            GroupResult<Row, PrimaryKey> moved = bins.applyAtomically(List.of(
                    GroupWrite.updateWithVersion(key("w1", "a"), a.get("version"), Changes.none().increment("quantity", -3)),
                    GroupWrite.update(key("w1", "b"), Changes.none().increment("quantity", 3),
                            Condition.greaterThanOrEqualTo("quantity", 5L)),
                    GroupWrite.insert(bin("w1", "c", 1))));
            assertThat(moved.applied()).as(rule + ": a group whose conditions all hold applies").isTrue();
            assertThat(moved.items()).extracting(GroupItem::status).as(rule).containsExactly(Status.APPLIED, Status.APPLIED,
                    Status.APPLIED);
            a = moved.items().get(0).entity();
            b = moved.items().get(1).entity();
            Row c = moved.items().get(2).entity();
            assertThat(a.getLong("quantity")).as(rule + ": the versioned update's new state").isEqualTo(7L);
            assertThat(b.getLong("quantity")).as(rule + ": the conditional update's new state").isEqualTo(8L);
            assertThat(bins.find(key("w1", "a"))).as(rule + ": the stored row is the one returned").contains(a);
            assertThat(bins.find(key("w1", "b"))).as(rule + ": the stored row is the one returned").contains(b);
            assertThat(bins.find(key("w1", "c"))).as(rule + ": the inserted row is the one returned").contains(c);

            // Refused by the last write: the earlier ones, whose conditions held, are not applied either.
            Object staleA = moved.items().get(0).entity().get("version");
            GroupResult<Row, PrimaryKey> refused = bins.applyAtomically(List.of(
                    GroupWrite.updateWithVersion(key("w1", "a"), staleA, Changes.of("note", "held")),
                    GroupWrite.deleteWithVersion(key("w1", "b"), b.get("version")),
                    GroupWrite.insert(bin("w1", "d", 4)),
                    GroupWrite.update(key("w1", "c"), Changes.of("note", "never"), Condition.greaterThan("quantity", 1L))));
            assertThat(refused.applied()).as(rule + ": a group with one failing condition is refused").isFalse();
            assertThat(refused.items()).extracting(GroupItem::status).as(rule + ": per write, which condition failed")
                    .containsExactly(Status.HELD, Status.HELD, Status.HELD, Status.CONFLICT);
            assertThat(refused.items()).extracting(GroupItem::entity).as(rule + ": per write, the row's current state")
                    .containsExactly(a, b, null, c);
            assertThat(refused.failures()).extracting(GroupItem::index).as(rule).containsExactly(3);
            assertUnchanged(rule, bins, a, b, c);
            assertThat(bins.find(key("w1", "d"))).as(rule + ": the refused group's insert wrote nothing").isEmpty();

            // Refused for a taken key, a stale version and an absent row, each reported as such.
            Object staleB = moved.items().get(1).entity().get("version");
            GroupResult<Row, PrimaryKey> mixed = bins.applyAtomically(List.of(
                    GroupWrite.insert(bin("w1", "c", 9)),
                    GroupWrite.updateWithVersion(key("w1", "b"), bumped(kind, staleB), Changes.of("note", "stale")),
                    GroupWrite.delete(key("w1", "e"), Condition.always())));
            assertThat(mixed.items()).extracting(GroupItem::status).as(rule)
                    .containsExactly(Status.EXISTS, Status.CONFLICT, Status.NOT_FOUND);
            assertThat(mixed.items()).extracting(GroupItem::entity).as(rule).containsExactly(c, b, null);
            assertUnchanged(rule, bins, a, b, c);

            // Deletes, then a re-insert whose old versions never apply to the new row.
            GroupResult<Row, PrimaryKey> deleted = bins.applyAtomically(List.of(
                    GroupWrite.deleteWithVersion(key("w1", "b"), b.get("version")),
                    GroupWrite.delete(key("w1", "c"), Condition.equalTo("quantity", 1L))));
            assertThat(deleted.items()).extracting(GroupItem::status).as(rule).containsExactly(Status.APPLIED, Status.APPLIED);
            assertThat(deleted.items()).extracting(GroupItem::entity).as(rule + ": a delete returns no row").containsExactly(null, null);
            assertThat(bins.find(key("w1", "b"))).as(rule + ": deleted by the group").isEmpty();
            assertThat(bins.find(key("w1", "c"))).as(rule + ": deleted by the group").isEmpty();
            GroupResult<Row, PrimaryKey> reinserted = bins.applyAtomically(List.of(GroupWrite.insert(bin("w1", "b", 50))));
            assertThat(reinserted.applied()).as(rule + ": a deleted key can be inserted again").isTrue();
            Row b2 = reinserted.items().get(0).entity();
            GroupResult<Row, PrimaryKey> aba = bins.applyAtomically(List.of(
                    GroupWrite.updateWithVersion(key("w1", "b"), b.get("version"), Changes.of("note", "aba"))));
            if (!b2.get("version").equals(b.get("version"))) {
                assertThat(aba.items()).extracting(GroupItem::status).as(rule + ": a version of the deleted row never"
                        + " applies to the re-inserted one").containsExactly(Status.CONFLICT);
            }
            assertThat(bins.find(key("w1", "b")).map(row -> row.getString("note")))
                    .as(rule + ": the re-inserted row is untouched by the stale write").contains("n");

            // Bad input: nothing is sent.
            Object versionA = a.get("version");
            assertThatThrownBy(() -> bins.applyAtomically(List.of(
                    GroupWrite.updateWithVersion(key("w1", "a"), versionA, Changes.of("note", "x")),
                    GroupWrite.insert(bin("w2", "z", 1)))))
                    .as(rule + ": rows of two partitions").isInstanceOf(IllegalArgumentException.class).hasMessageContaining("w2");
            assertThatThrownBy(() -> bins.applyAtomically(List.of(
                    GroupWrite.updateWithVersion(key("w1", "a"), versionA, Changes.of("note", "x")),
                    GroupWrite.delete(key("w1", "a"), Condition.always()))))
                    .as(rule + ": one row twice").isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> bins.applyAtomically(List.of()))
                    .as(rule + ": no write").isInstanceOf(IllegalArgumentException.class);
            assertThat(bins.find(key("w1", "a"))).as(rule + ": bad input wrote nothing").contains(a);
            assertThat(bins.find(key("w2", "z"))).as(rule + ": bad input wrote nothing").isEmpty();

            // The async repository returns what the sync one returns.
            var async = bins.async();
            GroupResult<Row, PrimaryKey> asyncRefused = async.applyAtomically(List.of(
                    GroupWrite.updateWithVersion(key("w1", "a"), a.get("version"), Changes.of("note", "async")),
                    GroupWrite.insert(bin("w1", "b", 1)))).toCompletableFuture().join();
            assertThat(asyncRefused.items()).extracting(GroupItem::status).as(rule + ": async, refused")
                    .containsExactly(Status.HELD, Status.EXISTS);
            assertThat(bins.find(key("w1", "a"))).as(rule + ": async, refused: nothing written").contains(a);
            GroupResult<Row, PrimaryKey> asyncApplied = async.applyAtomically(List.of(
                    GroupWrite.updateWithVersion(key("w1", "a"), a.get("version"), Changes.of("note", "async")),
                    GroupWrite.insert(bin("w1", "f", 2)))).toCompletableFuture().join();
            assertThat(asyncApplied.applied()).as(rule + ": async, applied").isTrue();
            assertThat(bins.find(key("w1", "a"))).as(rule + ": async, applied").contains(asyncApplied.items().get(0).entity());
            assertThat(bins.find(key("w1", "f"))).as(rule + ": async, applied").contains(asyncApplied.items().get(1).entity());
            Throwable badAsync = async.applyAtomically(List.of()).handle((result, failure) -> Stages.unwrap(failure))
                    .toCompletableFuture().join();
            assertThat(badAsync).as(rule + ": async, bad input fails the stage").isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    default void required_2_6_of_racing_groups_on_overlapping_rows_exactly_one_applies() throws Exception {
        String rule = RuleMessages.rule("2.6", tck().seed());
        VersionedRepository<Row, PrimaryKey> bins = tck().store().rows(binTable(tck(), VersionKind.LONG));
        // Every group is recorded once per row it names (the projection of an atomic group onto each row), with the
        // group's invocation and completion, so that each row's history can be checked against the register model.
        History history = new History();
        for (String item : new String[] {"x", "y", "z"}) {
            long invoked = System.nanoTime();
            Row inserted = bins.insert(bin("w", item, 100));
            history.completed(item, invoked, System.nanoTime(), RegisterModel.inserted(inserted.get("version"), 100L),
                    "setup." + item + " insert(100) -> applied " + describeBin(inserted));
        }
        int threads = 8;
        int rounds = 5;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        try {
            for (int round = 0; round < rounds; round++) {
                List<Row> before = new ArrayList<>();
                for (String item : new String[] {"x", "y", "z"}) {
                    long invoked = System.nanoTime();
                    Row row = bins.find(key("w", item)).orElseThrow();
                    history.completed(item, invoked, System.nanoTime(), RegisterModel.readRow(row.get("version"), row.getLong("quantity")),
                            "check." + round + item + " read -> " + describeBin(row));
                    before.add(row);
                }
                CountDownLatch start = new CountDownLatch(1);
                List<Future<GroupResult<Row, PrimaryKey>>> futures = new ArrayList<>();
                for (int thread = 0; thread < threads; thread++) {
                    // Half move one unit x -> y, half y -> z; every group pins the versions read before the race.
                    Row from = before.get(thread % 2);
                    Row to = before.get(thread % 2 + 1);
                    String process = thread + "." + round;
                    futures.add(pool.submit(() -> {
                        start.await();
                        long invoked = System.nanoTime();
                        GroupResult<Row, PrimaryKey> result = bins.applyAtomically(List.of(
                                GroupWrite.updateWithVersion(keyOf(from), from.get("version"), Changes.none().increment("quantity", -1)),
                                GroupWrite.updateWithVersion(keyOf(to), to.get("version"), Changes.none().increment("quantity", 1))));
                        recordGroup(history, process, invoked, System.nanoTime(), List.of(from, to), result);
                        return result;
                    }));
                }
                // A reader meanwhile: a group whose every condition fails is refused on one read of its rows, which it
                // reports; that read must never see part of another group (the units always add up to 300).
                Future<List<Long>> reader = pool.submit(() -> {
                    start.await();
                    List<Long> totals = new ArrayList<>();
                    for (int probe = 0; probe < 10; probe++) {
                        long invoked = System.nanoTime();
                        GroupResult<Row, PrimaryKey> seen = bins.applyAtomically(List.of(
                                GroupWrite.delete(key("w", "x"), Condition.lessThan("quantity", 0L)),
                                GroupWrite.delete(key("w", "y"), Condition.lessThan("quantity", 0L)),
                                GroupWrite.delete(key("w", "z"), Condition.lessThan("quantity", 0L))));
                        recordGroup(history, "reader." + probe, invoked, System.nanoTime(), null, seen);
                        totals.add(seen.items().stream().mapToLong(item -> item.entity().getLong("quantity")).sum());
                    }
                    return totals;
                });
                start.countDown();
                assertThat(reader.get(120, TimeUnit.SECONDS)).as(rule + ": round " + round + ", every read of the three rows"
                        + " during the race sees whole groups").containsOnly(300L);
                int applied = 0;
                for (Future<GroupResult<Row, PrimaryKey>> future : futures) {
                    GroupResult<Row, PrimaryKey> result = future.get(120, TimeUnit.SECONDS);
                    if (result.applied()) {
                        applied++;
                        continue;
                    }
                    // A loser was decided on one read of its rows: the winner moved y, which every group names.
                    assertThat(result.failures()).as(rule + ": a refused group names the rows the winner moved")
                            .isNotEmpty();
                    for (GroupItem<Row, PrimaryKey> failed : result.failures()) {
                        assertThat(failed.status()).as(rule).isEqualTo(Status.CONFLICT);
                    }
                }
                assertThat(applied).as(rule + ": round " + round + ", groups applied").isEqualTo(1);
                long total = 0;
                for (String item : new String[] {"x", "y", "z"}) total += bins.find(key("w", item)).orElseThrow().getLong("quantity");
                assertThat(total).as(rule + ": round " + round + ", units are moved, never created or lost").isEqualTo(300L);
            }
        } finally {
            pool.shutdownNow();
        }
        tck().assertLinearizable(rule, "2.6", history);
    }

    /**
     * Records a group once per row: an applied write as a versioned write from the version it pinned ({@code pinned},
     * in the group's order) to the row it returned; a refused group's row as a read of the state it reported.
     */
    private static void recordGroup(History history, String process, long invoked, long completed, List<Row> pinned,
                                    GroupResult<Row, PrimaryKey> result) {
        for (GroupItem<Row, PrimaryKey> item : result.items()) {
            Row row = item.entity();
            if (row == null) continue;
            String id = row.getString("item");
            String label = process + " group[" + item.index() + "] ";
            if (result.applied()) {
                Object expected = pinned.get(item.index()).get("version");
                history.completed(id, invoked, completed,
                        RegisterModel.versionedApplied(expected, row.get("version"), row.getLong("quantity")),
                        label + "update@" + expected + " -> applied " + describeBin(row));
            } else {
                history.completed(id, invoked, completed, RegisterModel.readRow(row.get("version"), row.getLong("quantity")),
                        label + "refused -> " + item.status() + " " + describeBin(row));
            }
        }
    }

    private static String describeBin(Row row) {
        return "row(v=" + row.get("version") + ", value=" + row.get("quantity") + ")";
    }

    private static void assertUnchanged(String rule, VersionedRepository<Row, PrimaryKey> bins, Row... rows) {
        for (Row row : rows) {
            assertThat(bins.find(PrimaryKey.of(row.get("warehouse"), row.get("item"))))
                    .as(rule + ": a refused group changed nothing").isEqualTo(Optional.of(row));
        }
    }

    /** A version that is not the row's: for LONG one past it; for the others, any version the row never had. */
    private static Object bumped(VersionKind kind, Object version) {
        return switch (kind) {
            case LONG -> (Long) version + 1000;
            case UUID -> java.util.UUID.randomUUID();
            case TIMESTAMP -> ((java.time.Instant) version).minusSeconds(3600);
        };
    }

    /** A fresh table of bins: {@code warehouse} partition, {@code item} clustering key, quantity, note, version. */
    private static EntitySpec binTable(TckFixture tck, VersionKind kind) {
        EntitySpec spec = EntitySpec.builder(TckFixture.tableName("tck_group")).partitionKey("warehouse", ColumnType.TEXT)
                .clusteringKey("item", ColumnType.TEXT).column("quantity", ColumnType.BIGINT).column("note", ColumnType.TEXT)
                .version("version", kind).build();
        tck.store().createTable(spec);
        return spec;
    }

    private static Row bin(String warehouse, String item, long quantity) {
        return Row.builder().set("warehouse", warehouse).set("item", item).set("quantity", quantity).set("note", "n").build();
    }

    private static PrimaryKey key(String warehouse, String item) {
        return PrimaryKey.of(warehouse, item);
    }

    private static PrimaryKey keyOf(Row row) {
        return key(row.getString("warehouse"), row.getString("item"));
    }
}
