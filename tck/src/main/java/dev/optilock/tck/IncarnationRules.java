package dev.optilock.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.optilock.Changes;
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
 * versions restart at a re-insert meets every stale version again.
 */
public interface IncarnationRules extends TckHooks {

    @Test
    default void required_1_22_a_version_from_an_earlier_incarnation_never_applies() {
        for (VersionKind kind : VersionKind.values()) {
            String rule = RuleMessages.rule("1.22", tck().seed()) + " [" + kind + "]";
            VersionedRepository<Row, PrimaryKey> rows = tck().store().rows(tck().counterTable("tck_aba", kind));
            PrimaryKey key = PrimaryKey.of("a");
            List<Object> held = new ArrayList<>();
            Row row = rows.insert(counter(0));
            held.add(row.get("version"));
            for (long value = 1; value <= 3; value++) {
                row = rows.updateWithVersion(key, row.get("version"), Changes.of("value", value));
                held.add(row.get("version"));
            }
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

    private static Row counter(long value) {
        return Row.builder().set("id", "a").set("value", value).set("note", "n").build();
    }
}
