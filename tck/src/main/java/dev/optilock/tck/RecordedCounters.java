package dev.optilock.tck;

import dev.optilock.Changes;
import dev.optilock.Condition;
import dev.optilock.EntityExistsException;
import dev.optilock.EntityNotFoundException;
import dev.optilock.OptimisticLockException;
import dev.optilock.OutcomeUnknownException;
import dev.optilock.PrimaryKey;
import dev.optilock.RetryPolicy;
import dev.optilock.Row;
import dev.optilock.VersionedRepository;
import dev.optilock.WriteResult;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The operations of a counter table ({@code id}, {@code value}, {@code version}; see {@link TckFixture#counterTable})
 * that record every call into one {@link History}: its process, key, invocation and completion times, arguments and
 * outcome, and the {@link RegisterModel} transition the outcome stands for. A call returns and throws exactly what
 * the repository did; an {@link OutcomeUnknownException} is recorded as an operation that may have taken effect at
 * any time after its invocation, or never; a {@link dev.optilock.ContentionException} (nothing was written) leaves no
 * operation in the history, so a backend that wrote after all shows as a non-linearizable history. Thread-safe: each process (a thread of a race) numbers its own calls.
 */
public final class RecordedCounters {
    private final VersionedRepository<Row, PrimaryKey> rows;
    private final History history;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    /** Records the calls on {@code rows} into {@code history}; several instances may share one history. */
    public RecordedCounters(VersionedRepository<Row, PrimaryKey> rows, History history) {
        this.rows = rows;
        this.history = history;
    }

    /** The history the calls are recorded into. */
    public History history() {
        return history;
    }

    /** {@code find}: a read of the register. */
    public Optional<Row> find(String process, String id) {
        return record(process, id, "read", () -> rows.find(PrimaryKey.of(id)),
                found -> found.map(row -> observed(RegisterModel.readRow(version(row), value(row)), describe(row)))
                        .orElse(observed(RegisterModel.readAbsent(), "absent")),
                null);
    }

    /** {@code insert}; a taken key throws {@code EntityExistsException}, recorded as a report of the row there. */
    public Row insert(String process, String id, long value) {
        return record(process, id, "insert(" + value + ")", () -> rows.insert(counter(id, value)),
                row -> observed(RegisterModel.inserted(version(row), value(row)), "applied " + describe(row)),
                RegisterModel.maybeInserted(value));
    }

    /** {@code insertIfAbsent}: applied on an absent key, else the row there is reported. */
    public WriteResult<Row> insertIfAbsent(String process, String id, long value) {
        return record(process, id, "insert(" + value + ")", () -> rows.insertIfAbsent(counter(id, value)), result -> {
            Row row = result.applied() ? result.entity() : result.existing().orElseThrow(
                    () -> new AssertionError("insertIfAbsent of " + id + " was not applied and reported no existing row"));
            return result.applied() ? observed(RegisterModel.inserted(version(row), value(row)), "applied " + describe(row))
                    : observed(RegisterModel.insertRejected(version(row), value(row)), "exists " + describe(row));
        }, RegisterModel.maybeInserted(value));
    }

    /** {@code updateWithVersion} setting {@code value}. */
    public Row updateWithVersion(String process, String id, Object expected, long value) {
        return record(process, id, "update@" + expected + "(" + value + ")",
                () -> rows.updateWithVersion(PrimaryKey.of(id), expected, Changes.of("value", value)),
                row -> observed(RegisterModel.versionedApplied(expected, version(row), value), describe(row)),
                RegisterModel.maybeVersioned(expected, value));
    }

    /** {@code modify} adding one to the value under {@code policy}. */
    public Row modifyIncrement(String process, String id, RetryPolicy policy) {
        return record(process, id, "increment",
                () -> rows.modify(PrimaryKey.of(id), current -> Changes.of("value", current.getLong("value") + 1), policy),
                row -> observed(RegisterModel.incremented(version(row), value(row)), describe(row)),
                RegisterModel.maybeIncremented());
    }

    /** {@code updateIfExists} with an increment by one: applied, or not found. */
    public WriteResult<Row> incrementIfExists(String process, String id) {
        return record(process, id, "increment-if-exists",
                () -> rows.updateIfExists(PrimaryKey.of(id), Changes.none().increment("value", 1L)),
                result -> result.applied()
                        ? observed(RegisterModel.incremented(version(result.entity()), value(result.entity())), describe(result.entity()))
                        : observed(RegisterModel.notFound(), "not found"),
                RegisterModel.maybeIncremented());
    }

    /** A conditional {@code update} with an increment by one, guarded by {@code value < limit}. */
    public WriteResult<Row> incrementBelow(String process, String id, long limit) {
        return record(process, id, "increment-if value<" + limit,
                () -> rows.update(PrimaryKey.of(id), Changes.none().increment("value", 1L), Condition.lessThan("value", limit)),
                result -> guarded(result, limit, row -> RegisterModel.guardedIncremented(limit, version(row), value(row))),
                RegisterModel.maybeGuardedIncremented(limit));
    }

    /** A conditional {@code update} setting {@code value}, guarded by {@code value < limit}. */
    public WriteResult<Row> updateBelow(String process, String id, long limit, long value) {
        return record(process, id, "update-if value<" + limit + "(" + value + ")",
                () -> rows.update(PrimaryKey.of(id), Changes.of("value", value), Condition.lessThan("value", limit)),
                result -> guarded(result, limit, row -> RegisterModel.guardedApplied(limit, version(row), value)),
                RegisterModel.maybeGuarded(limit, value));
    }

    /** {@code deleteWithVersion}. */
    public void deleteWithVersion(String process, String id, Object expected) {
        record(process, id, "delete@" + expected, () -> {
            rows.deleteWithVersion(PrimaryKey.of(id), expected);
            return Boolean.TRUE;
        }, deleted -> observed(RegisterModel.deleted(expected), "deleted"), RegisterModel.maybeDeleted(expected));
    }

    /** {@code deleteIfExists}. */
    public boolean deleteIfExists(String process, String id) {
        return record(process, id, "deleteIfExists", () -> rows.deleteIfExists(PrimaryKey.of(id)),
                deleted -> observed(deleted ? RegisterModel.deleted(null) : RegisterModel.notFound(), deleted.toString()),
                RegisterModel.maybeDeleted(null));
    }

    private static Observed guarded(WriteResult<Row> result, long limit, Function<Row, RegisterModel.Transition> applied) {
        if (result.applied()) return observed(applied.apply(result.entity()), describe(result.entity()));
        return result.existing().map(row -> observed(RegisterModel.guardedRejected(limit, version(row), value(row)),
                "not applied, " + describe(row))).orElse(observed(RegisterModel.notFound(), "not found"));
    }

    /** The transition an outcome stands for, and how the history shows it. */
    private record Observed(RegisterModel.Transition transition, String outcome) {
    }

    private static Observed observed(RegisterModel.Transition transition, String outcome) {
        return new Observed(transition, outcome);
    }

    private <T> T record(String process, String id, String operation, Supplier<T> call,
                         Function<T, Observed> outcome, RegisterModel.Transition ifUnknown) {
        String label = process + "." + calls.computeIfAbsent(process, name -> new AtomicInteger()).getAndIncrement() + " " + operation;
        long invoked = System.nanoTime();
        T result;
        try {
            result = call.get();
        } catch (OptimisticLockException conflict) {
            // For modify, the version it read last; a conflict is an observation that the row was at another version.
            Object actual = conflict.actualVersion().orElse(null);
            history.completed(id, invoked, System.nanoTime(), RegisterModel.versionConflict(conflict.expectedVersion(), actual),
                    label + " -> conflict, actual " + actual);
            throw conflict;
        } catch (EntityExistsException taken) {
            long completed = System.nanoTime();
            if (taken.existing().orElse(null) instanceof Row row) {
                history.completed(id, invoked, completed, RegisterModel.insertRejected(version(row), value(row)),
                        label + " -> exists " + describe(row));
            }
            throw taken;
        } catch (EntityNotFoundException absent) {
            history.completed(id, invoked, System.nanoTime(), RegisterModel.notFound(), label + " -> not found");
            throw absent;
        } catch (OutcomeUnknownException unknown) {
            if (ifUnknown != null) history.unknown(id, invoked, ifUnknown, label);
            throw unknown;
        }
        long completed = System.nanoTime();
        Observed observed = outcome.apply(result);
        history.completed(id, invoked, completed, observed.transition(), label + " -> " + observed.outcome());
        return result;
    }

    private static Row counter(String id, long value) {
        return Row.builder().set("id", id).set("value", value).build();
    }

    private static Object version(Row row) {
        return row.get("version");
    }

    private static Long value(Row row) {
        return row.getLong("value");
    }

    private static String describe(Row row) {
        return "row(v=" + row.get("version") + ", value=" + row.get("value") + ")";
    }
}
