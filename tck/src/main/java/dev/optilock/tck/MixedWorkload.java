package dev.optilock.tck;

import dev.optilock.Changes;
import dev.optilock.Condition;
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
    private final VersionedRepository<Row, PrimaryKey> rows;
    private final List<String> keys;
    private final History history = new History();

    public MixedWorkload(VersionedRepository<Row, PrimaryKey> rows, List<String> keys) {
        this.rows = rows;
        this.keys = List.copyOf(keys);
    }

    /** Runs {@code threads} threads of {@code operations} operations each and returns the history. */
    public History run(int threads, int operations, long seed) {
        List<Race.Outcome<Void>> outcomes = Race.run(threads, thread -> {
            Random random = new Random(seed + thread);
            Map<String, Object> lastSeen = new HashMap<>();
            for (int i = 0; i < operations; i++) {
                step(random, lastSeen, thread + "." + i);
            }
            return null;
        });
        for (Race.Outcome<Void> outcome : outcomes) {
            if (!outcome.succeeded()) {
                throw new AssertionError("workload thread " + outcome.thread() + " failed unexpectedly", outcome.failure());
            }
        }
        return history;
    }

    private void step(Random random, Map<String, Object> lastSeen, String label) {
        String id = keys.get(random.nextInt(keys.size()));
        PrimaryKey key = PrimaryKey.of(id);
        int choice = random.nextInt(100);
        long invoked = System.nanoTime();
        if (choice < 30) {
            Optional<Row> row = rows.find(key);
            long completed = System.nanoTime();
            row.ifPresent(r -> lastSeen.put(id, version(r)));
            history.completed(id, invoked, completed, row.map(r -> RegisterModel.readRow(version(r), r.getLong("value")))
                    .orElse(RegisterModel.readAbsent()), label + " read -> " + row.map(MixedWorkload::describe).orElse("absent"));
        } else if (choice < 42) {
            long value = random.nextInt(10);
            try {
                WriteResult<Row> result = rows.insertIfAbsent(Row.builder().set("id", id).set("value", value).build());
                long completed = System.nanoTime();
                Row row = result.applied() ? result.entity() : result.existing().orElseThrow(
                        () -> new AssertionError("insertIfAbsent not applied without an existing row"));
                lastSeen.put(id, version(row));
                history.completed(id, invoked, completed, result.applied()
                        ? RegisterModel.inserted(version(row), row.getLong("value"))
                        : RegisterModel.insertRejected(version(row), row.getLong("value")),
                        label + " insert(" + value + ") -> " + (result.applied() ? "applied " : "exists ") + describe(row));
            } catch (OutcomeUnknownException unknown) {
                history.unknown(id, invoked, RegisterModel.maybeInserted(value), label + " insert(" + value + ")");
            }
        } else if (choice < 62) {
            Object expected = lastSeen.get(id);
            if (expected == null) return;
            long value = random.nextInt(100);
            String what = label + " update@" + expected + "(" + value + ")";
            try {
                Row row = rows.updateWithVersion(key, expected, Changes.of("value", value));
                long completed = System.nanoTime();
                lastSeen.put(id, version(row));
                history.completed(id, invoked, completed, RegisterModel.versionedApplied(expected, version(row), value),
                        what + " -> " + describe(row));
            } catch (OptimisticLockException conflict) {
                long completed = System.nanoTime();
                Object actual = conflict.actualVersion().orElse(null);
                if (actual != null) lastSeen.put(id, actual);
                history.completed(id, invoked, completed, RegisterModel.versionConflict(expected, actual), what + " -> conflict, actual " + actual);
            } catch (EntityNotFoundException absent) {
                history.completed(id, invoked, System.nanoTime(), RegisterModel.notFound(), what + " -> not found");
            } catch (OutcomeUnknownException unknown) {
                history.unknown(id, invoked, RegisterModel.maybeVersioned(expected, value), what);
            }
        } else if (choice < 72) {
            long limit = random.nextInt(60);
            long value = random.nextInt(100);
            String what = label + " update if value < " + limit + " (" + value + ")";
            try {
                WriteResult<Row> result = rows.update(key, Changes.of("value", value), Condition.lessThan("value", limit));
                long completed = System.nanoTime();
                if (result.applied()) {
                    lastSeen.put(id, version(result.entity()));
                    history.completed(id, invoked, completed, RegisterModel.guardedApplied(limit, version(result.entity()), value),
                            what + " -> " + describe(result.entity()));
                } else if (result.existing().isPresent()) {
                    Row row = result.existing().get();
                    lastSeen.put(id, version(row));
                    history.completed(id, invoked, completed, RegisterModel.guardedRejected(limit, version(row), row.getLong("value")),
                            what + " -> not applied, " + describe(row));
                } else {
                    history.completed(id, invoked, completed, RegisterModel.notFound(), what + " -> not found");
                }
            } catch (OutcomeUnknownException unknown) {
                history.unknown(id, invoked, RegisterModel.maybeGuarded(limit, value), what);
            }
        } else if (choice < 88) {
            String what = label + " modify(+1)";
            try {
                Row row = rows.modify(key, current -> Changes.of("value", current.getLong("value") + 1), RetryPolicy.NONE);
                long completed = System.nanoTime();
                lastSeen.put(id, version(row));
                history.completed(id, invoked, completed, RegisterModel.incremented(version(row), row.getLong("value")),
                        what + " -> " + describe(row));
            } catch (OptimisticLockException conflict) {
                // modify read a version that moved before its write: nothing was written; the read is not recorded.
                return;
            } catch (EntityNotFoundException absent) {
                history.completed(id, invoked, System.nanoTime(), RegisterModel.notFound(), what + " -> not found");
            } catch (OutcomeUnknownException unknown) {
                history.unknown(id, invoked, RegisterModel.maybeIncremented(), what);
            }
        } else if (choice < 94) {
            Object expected = lastSeen.get(id);
            if (expected == null) return;
            String what = label + " delete@" + expected;
            try {
                rows.deleteWithVersion(key, expected);
                history.completed(id, invoked, System.nanoTime(), RegisterModel.deleted(expected), what + " -> deleted");
            } catch (OptimisticLockException conflict) {
                Object actual = conflict.actualVersion().orElse(null);
                history.completed(id, invoked, System.nanoTime(), RegisterModel.versionConflict(expected, actual),
                        what + " -> conflict, actual " + actual);
            } catch (EntityNotFoundException absent) {
                history.completed(id, invoked, System.nanoTime(), RegisterModel.notFound(), what + " -> not found");
            } catch (OutcomeUnknownException unknown) {
                history.unknown(id, invoked, RegisterModel.maybeDeleted(expected), what);
            }
        } else {
            String what = label + " deleteIfExists";
            try {
                boolean deleted = rows.deleteIfExists(key);
                history.completed(id, invoked, System.nanoTime(), deleted ? RegisterModel.deleted(null) : RegisterModel.notFound(),
                        what + " -> " + deleted);
            } catch (OutcomeUnknownException unknown) {
                history.unknown(id, invoked, RegisterModel.maybeDeleted(null), what);
            }
        }
    }

    private static Object version(Row row) {
        return row.get("version");
    }

    private static String describe(Row row) {
        return "row(v=" + row.get("version") + ", value=" + row.get("value") + ")";
    }
}
