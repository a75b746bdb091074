package dev.optilock.tck;

import dev.optilock.ContentionException;
import dev.optilock.EntityNotFoundException;
import dev.optilock.OptimisticLockException;
import dev.optilock.OutcomeUnknownException;
import dev.optilock.PrimaryKey;
import dev.optilock.RetryPolicy;
import dev.optilock.Row;
import dev.optilock.VersionedRepository;
import dev.optilock.WriteResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A concurrent mix of every repository operation on a few hot keys of a UUID-versioned counter table,
 * recorded into a {@link History}. Each thread draws its operations from {@code seed + thread}.
 */
public final class MixedWorkload {
    private final RecordedCounters counters;
    private final List<String> keys;

    public MixedWorkload(VersionedRepository<Row, PrimaryKey> rows, List<String> keys) {
        this.counters = new RecordedCounters(rows, new History());
        this.keys = List.copyOf(keys);
    }

    /** Runs {@code threads} threads of {@code operations} operations each and returns the history. */
    public History run(int threads, int operations, long seed) {
        List<Race.Outcome<Void>> outcomes = Race.run(threads, thread -> {
            Random random = new Random(seed + thread);
            Map<String, Object> lastSeen = new HashMap<>();
            for (int i = 0; i < operations; i++) {
                step(random, lastSeen, Integer.toString(thread));
            }
            return null;
        });
        for (Race.Outcome<Void> outcome : outcomes) {
            if (!outcome.succeeded()) {
                throw new AssertionError("workload thread " + outcome.thread() + " failed unexpectedly", outcome.failure());
            }
        }
        return counters.history();
    }

    private void step(Random random, Map<String, Object> lastSeen, String process) {
        String id = keys.get(random.nextInt(keys.size()));
        int choice = random.nextInt(100);
        try {
            if (choice < 30) {
                counters.find(process, id).ifPresent(row -> lastSeen.put(id, version(row)));
            } else if (choice < 42) {
                WriteResult<Row> result = counters.insertIfAbsent(process, id, random.nextInt(10));
                lastSeen.put(id, version(result.applied() ? result.entity() : result.existing().orElseThrow()));
            } else if (choice < 62) {
                Object expected = lastSeen.get(id);
                if (expected == null) return;
                lastSeen.put(id, version(counters.updateWithVersion(process, id, expected, random.nextInt(100))));
            } else if (choice < 72) {
                long limit = random.nextInt(60);
                WriteResult<Row> result = counters.updateBelow(process, id, limit, random.nextInt(100));
                (result.applied() ? Optional.of(result.entity()) : result.existing()).ifPresent(row -> lastSeen.put(id, version(row)));
            } else if (choice < 88) {
                lastSeen.put(id, version(counters.modifyIncrement(process, id, RetryPolicy.NONE)));
            } else if (choice < 94) {
                Object expected = lastSeen.get(id);
                if (expected == null) return;
                counters.deleteWithVersion(process, id, expected);
            } else {
                counters.deleteIfExists(process, id);
            }
        } catch (OptimisticLockException conflict) {
            conflict.actualVersion().ifPresent(actual -> lastSeen.put(id, actual));
        } catch (EntityNotFoundException | OutcomeUnknownException recorded) {
            // recorded in the history as what they are: not found, or an operation that may have taken effect
        } catch (ContentionException gaveUp) {
            // a documented outcome under contention (a slow attempt can use up the store's timeout): nothing was
            // written, so the history holds no operation for it, and one that wrote after all breaks linearizability
        }
    }

    private static Object version(Row row) {
        return row.get("version");
    }
}
