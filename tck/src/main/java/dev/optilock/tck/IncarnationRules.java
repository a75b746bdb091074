package dev.optilock.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.optilock.Changes;
import dev.optilock.EntityNotFoundException;
import dev.optilock.OptimisticLockException;
import dev.optilock.PrimaryKey;
import dev.optilock.RetryPolicy;
import dev.optilock.Row;
import dev.optilock.VersionKind;
import dev.optilock.VersionedRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Rule 1.22: a version held from before a delete and re-insert never applies to the re-inserted row (no ABA). It is
 * deterministic: the later incarnation is walked through as many writes as the earlier one, so that a backend whose
 * versions restart at a re-insert meets every stale version again. Rule 1.28: between the delete and the re-insert,
 * no versioned write applies at any version, the deleted row's own or one no live row holds (where a store may keep
 * its tombstone).
 */
public interface IncarnationRules extends TckHooks {

    @Test
    default void required_1_22_a_version_from_an_earlier_incarnation_never_applies() {
        for (VersionKind kind : VersionKind.values()) {
            String rule = RuleMessages.rule("1.22", tck().seed()) + " [" + kind + "]";
            VersionedRepository<Row, PrimaryKey> rows = tck().store().rows(tck().counterTable("tck_aba", kind));
            PrimaryKey key = PrimaryKey.of("a");
            List<Object> held = fourVersions(rows, key);
            Row row = rows.find(key).orElseThrow();
            rows.deleteWithVersion(key, row.get("version"));
            row = rows.insert(counter(100));
            for (long value = 101; value <= 103; value++) {
                row = rows.updateWithVersion(key, row.get("version"), Changes.of("value", value));
            }
            for (Object stale : held) {
                Throwable update = catchThrowable(() -> rows.updateWithVersion(key, stale, Changes.of("value", -1L)));
                assertThat(update).as(rule + ": updateWithVersion at version " + stale + " of the deleted row")
                        .isInstanceOf(OptimisticLockException.class);
                Throwable delete = catchThrowable(() -> rows.deleteWithVersion(key, stale));
                assertThat(delete).as(rule + ": deleteWithVersion at version " + stale + " of the deleted row")
                        .isInstanceOf(OptimisticLockException.class);
            }
            assertThat(rows.find(key)).as(rule + ": the re-inserted row is untouched by the stale writes").contains(row);
            assertThat(held).as(rule + ": the re-inserted row's version is none of the deleted row's").doesNotContain(row.get("version"));

            // modify: another writer deletes, re-inserts and updates the key between modify's read and its write.
            AtomicInteger attempts = new AtomicInteger();
            Row modified = rows.modify(key, current -> {
                if (attempts.getAndIncrement() == 0) {
                    rows.deleteWithVersion(key, current.get("version"));
                    Row again = rows.insert(counter(1000));
                    for (int write = 0; write < 6 && !again.get("version").equals(current.get("version")); write++) {
                        again = rows.updateWithVersion(key, again.get("version"), Changes.of("value", 1000L));
                    }
                }
                return Changes.of("value", current.getLong("value") + 1);
            }, RetryPolicy.DEFAULT);
            assertThat(attempts.get()).as(rule + ": modify read again after the re-insert").isEqualTo(2);
            assertThat(modified.getLong("value")).as(rule + ": modify applied to the re-inserted row's value, losing no write")
                    .isEqualTo(1001L);
        }
    }

    @Test
    default void required_1_28_a_deleted_row_is_absent_to_a_versioned_write_at_every_version() {
        for (VersionKind kind : VersionKind.values()) {
            String rule = RuleMessages.rule("1.28", tck().seed()) + " [" + kind + "]";
            VersionedRepository<Row, PrimaryKey> rows = tck().store().rows(tck().counterTable("tck_gone", kind));
            PrimaryKey key = PrimaryKey.of("a");
            List<Object> versions = fourVersions(rows, key);
            Row deleted = rows.find(key).orElseThrow();
            rows.deleteWithVersion(key, deleted.get("version"));
            if (kind == VersionKind.LONG) {
                // Versions no live row holds, where a store may keep a tombstone: 0 and negative ones.
                for (long version = 0; version >= -8; version--) versions.add(version);
                versions.add(Long.MIN_VALUE);
            }
            for (Object version : versions) {
                String at = " at version " + version + " of a deleted row";
                assertThat(catchThrowable(() -> rows.updateWithVersion(key, version, Changes.of("value", -1L))))
                        .as(rule + ": updateWithVersion" + at).isInstanceOf(EntityNotFoundException.class);
                assertThat(catchThrowable(() -> rows.deleteWithVersion(key, version)))
                        .as(rule + ": deleteWithVersion" + at).isInstanceOf(EntityNotFoundException.class);
            }
            Row stale = deleted.toBuilder().set("version", versions.get(0)).build();
            assertThat(catchThrowable(() -> rows.updateWithVersion(deleted, Changes.of("value", -1L))))
                    .as(rule + ": updateWithVersion of the entity as it was read before the delete").isInstanceOf(EntityNotFoundException.class);
            assertThat(catchThrowable(() -> rows.updateWithVersion(stale, Changes.of("value", -1L))))
                    .as(rule + ": updateWithVersion of an older entity of the deleted row").isInstanceOf(EntityNotFoundException.class);
            assertThat(rows.updateIfExists(key, Changes.of("value", -1L)).applied()).as(rule + ": updateIfExists").isFalse();
            assertThat(rows.find(key)).as(rule + ": the deleted row stays deleted").isEmpty();

            Row again = rows.insert(counter(100));
            assertThat(again.getLong("value")).as(rule + ": the re-insert holds its own values, none of the refused writes'")
                    .isEqualTo(100L);
            assertThat(versions).as(rule + ": the re-inserted row's version is none of the deleted row's, nor one tried on it")
                    .doesNotContain(again.get("version"));
            if (kind == VersionKind.LONG) {
                assertThat(again.getLong("version")).as(rule + ": the re-insert continues from the deleted row's version")
                        .isEqualTo(deleted.getLong("version") + 1);
            }
        }
    }

    /** Inserts the counter of {@code key} and walks it through three updates: its four versions, in order. */
    private static List<Object> fourVersions(VersionedRepository<Row, PrimaryKey> rows, PrimaryKey key) {
        List<Object> versions = new ArrayList<>();
        Row row = rows.insert(counter(0));
        versions.add(row.get("version"));
        for (long value = 1; value <= 3; value++) {
            row = rows.updateWithVersion(key, row.get("version"), Changes.of("value", value));
            versions.add(row.get("version"));
        }
        return versions;
    }

    private static Row counter(long value) {
        return Row.builder().set("id", "a").set("value", value).set("note", "n").build();
    }
}
