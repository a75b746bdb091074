package dev.optilock.internal;

import dev.optilock.BackendException;
import dev.optilock.Capability;
import dev.optilock.Changes;
import dev.optilock.Condition;
import dev.optilock.EntityExistsException;
import dev.optilock.EntityNotFoundException;
import dev.optilock.EntitySpec;
import dev.optilock.OperationEvent.Operation;
import dev.optilock.OperationEvent.Outcome;
import dev.optilock.OptilockException;
import dev.optilock.OptimisticLockException;
import dev.optilock.OutcomeUnknownException;
import dev.optilock.OutcomeUnknownException.Resolution;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.VersionKind;
import dev.optilock.WriteResult;
import dev.optilock.spi.Assignment;
import dev.optilock.spi.Stages;
import dev.optilock.spi.WriteOutcome;
import dev.optilock.spi.semantics.Assignments;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Every repository operation, written once over the backend primitives as stages: input checks, versions,
 * soft-delete visibility, exceptions, unknown-outcome resolution and metrics. The synchronous repository
 * joins these stages (its backend calls complete at once); the async repository returns them (its backend
 * calls are the backend's own non-blocking ones). Bad input fails the stage before anything is sent.
 *
 * <p>Over 300 lines because every operation is a short pipeline over the same private steps (check, call, interpret
 * the outcome, resolve an unknown one, record); split by operation, each part would need all of those steps.
 */
final class RepositoryOperations<T, K> {
    private final DefaultVersionedStore store;
    private final EntityMapper<T> mapper;
    private final KeyMapper<K> keys;
    private final EntitySpec spec;
    private final boolean includeDeleted;
    private final String softDeleteColumn;
    private final BackendCalls calls;

    RepositoryOperations(DefaultVersionedStore store, EntityMapper<T> mapper, KeyMapper<K> keys, boolean includeDeleted,
            BackendCalls calls) {
        this.store = store;
        this.mapper = mapper;
        this.keys = keys;
        this.spec = mapper.spec();
        this.includeDeleted = includeDeleted;
        this.softDeleteColumn = spec.softDeleteColumn().orElse(null);
        this.calls = calls;
    }

    EntitySpec spec() {
        return spec;
    }

    EntityMapper<T> mapper() {
        return mapper;
    }

    KeyMapper<K> keys() {
        return keys;
    }

    boolean includeDeleted() {
        return includeDeleted;
    }

    CompletionStage<Optional<T>> find(K key) {
        return Stages.start(() -> {
            PrimaryKey primaryKey = keys.toPrimaryKey(key);
            long start = System.nanoTime();
            return call(Operation.FIND, start, calls.find(spec, primaryKey)).thenApply(row -> {
                Optional<Row> visible = row.filter(this::isVisible);
                record(Operation.FIND, visible.isPresent() ? Outcome.APPLIED : Outcome.NOT_FOUND, start);
                return visible.map(mapper::toEntity);
            });
        });
    }

    CompletionStage<WriteResult<T>> insertIfAbsent(T entity) {
        return Stages.start(() -> {
            Row given = mapper.toRow(entity);
            Object initialVersion = store.versions().initial(spec.versionKind());
            Row row = given.toBuilder().set(spec.versionColumn(), initialVersion).build();
            PrimaryKey primaryKey = spec.keyOf(row);
            long start = System.nanoTime();
            return interpret(call(Operation.INSERT, start, calls.insertIfAbsent(spec, row)), outcome -> {
                if (outcome instanceof WriteOutcome.Applied applied) {
                    record(Operation.INSERT, Outcome.APPLIED, start);
                    return Stages.done(WriteResult.applied(mapper.toEntity(applied.row() == null ? row : applied.row())));
                }
                record(Operation.INSERT, Outcome.CONFLICT, start);
                Row existing = outcome instanceof WriteOutcome.NotApplied notApplied ? notApplied.current() : null;
                return complete(existing, primaryKey).thenApply(current -> WriteResult.notApplied(current.map(mapper::toEntity).orElse(null)));
            }, unknown -> resolve(unknown, Operation.INSERT, primaryKey, primaryKey, null, initialVersion, true)
                    .thenApply(written -> WriteResult.applied(mapper.toEntity(written))));
        });
    }

    CompletionStage<T> insert(T entity) {
        return insertIfAbsent(entity).thenCompose(result -> result.applied() ? Stages.done(result.entity())
                : Stages.failed(new EntityExistsException(spec.table(), keyOf(entity), result.existing().orElse(null))));
    }

    CompletionStage<T> updateWithVersion(K key, Object expectedVersion, Changes changes) {
        return Stages.start(() -> {
            PrimaryKey primaryKey = keys.toPrimaryKey(key);
            Object expected = InputChecks.version(spec, expectedVersion);
            List<Assignment> assignments = InputChecks.assignments(mapper, changes);
            return versionedUpdate(key, primaryKey, expected, assignments, null);
        });
    }

    /**
     * The versioned write behind updateWithVersion, softDelete, modify and updateAll.
     *
     * @param before the row as read before the write, when the caller has it (modify), else null
     */
    CompletionStage<T> versionedUpdate(K key, PrimaryKey primaryKey, Object expected, List<Assignment> assignments, Row before) {
        Object next = store.versions().next(spec.versionKind(), expected);
        List<Assignment> all = new ArrayList<>(assignments);
        all.add(new Assignment.SetValue(spec.versionColumn(), next));
        Condition condition = visibility(Condition.equalTo(spec.versionColumn(), expected));
        long start = System.nanoTime();
        return interpret(call(Operation.UPDATE, start, calls.update(spec, primaryKey, all, condition)), outcome -> {
            if (outcome instanceof WriteOutcome.Applied applied) {
                record(Operation.UPDATE, Outcome.APPLIED, start);
                return rowAfter(applied, primaryKey, all, before).thenApply(mapper::toEntity);
            }
            return rejected(Operation.UPDATE, key, primaryKey, expected, outcome, start).thenCompose(Stages::failed);
        }, unknown -> resolve(unknown, Operation.UPDATE, key, primaryKey, expected, next, false).thenApply(mapper::toEntity));
    }

    CompletionStage<WriteResult<T>> update(K key, Changes changes, Condition condition) {
        return Stages.start(() -> {
            PrimaryKey primaryKey = keys.toPrimaryKey(key);
            List<Assignment> assignments = InputChecks.assignments(mapper, changes);
            Condition checked = InputChecks.condition(mapper, condition);
            return conditionalUpdate(key, primaryKey, assignments, checked);
        });
    }

    CompletionStage<WriteResult<T>> updateIfExists(K key, Changes changes) {
        return Stages.start(() -> {
            PrimaryKey primaryKey = keys.toPrimaryKey(key);
            List<Assignment> assignments = InputChecks.assignments(mapper, changes);
            return conditionalUpdate(key, primaryKey, assignments, Condition.always());
        });
    }

    private CompletionStage<WriteResult<T>> conditionalUpdate(K key, PrimaryKey primaryKey, List<Assignment> assignments,
            Condition condition) {
        Assignment.NextVersion advance = store.versions().advance(spec);
        List<Assignment> all = new ArrayList<>(assignments);
        all.add(advance);
        Condition guarded = visibility(condition);
        long start = System.nanoTime();
        return interpret(call(Operation.UPDATE, start, calls.update(spec, primaryKey, all, guarded)), outcome -> {
            if (outcome instanceof WriteOutcome.Applied applied) {
                record(Operation.UPDATE, Outcome.APPLIED, start);
                return rowAfter(applied, primaryKey, all, null).thenApply(row -> WriteResult.applied(mapper.toEntity(row)));
            }
            Row reported = outcome instanceof WriteOutcome.NotApplied notApplied ? notApplied.current() : null;
            return complete(reported, primaryKey).thenApply(current -> {
                if (outcome instanceof WriteOutcome.NotFound || current.isEmpty() || !isVisible(current.get())) {
                    record(Operation.UPDATE, Outcome.NOT_FOUND, start);
                    return WriteResult.<T>notApplied(null);
                }
                record(Operation.UPDATE, Outcome.CONFLICT, start);
                return WriteResult.notApplied(mapper.toEntity(current.get()));
            });
        }, unknown -> {
            Object unique = spec.versionKind() == VersionKind.UUID ? advance.candidate() : null;
            return resolve(unknown, Operation.UPDATE, key, primaryKey, null, unique, false)
                    .thenApply(row -> WriteResult.applied(mapper.toEntity(row)));
        });
    }

    CompletionStage<Boolean> deleteIfExists(K key) {
        return Stages.start(() -> {
            PrimaryKey primaryKey = keys.toPrimaryKey(key);
            Condition condition = visibility(Condition.always());
            long start = System.nanoTime();
            return interpret(call(Operation.DELETE, start, calls.delete(spec, primaryKey, condition)), outcome -> {
                boolean deleted = outcome instanceof WriteOutcome.Applied;
                record(Operation.DELETE, deleted ? Outcome.APPLIED : Outcome.NOT_FOUND, start);
                return Stages.done(deleted);
            }, unknown -> resolve(unknown, Operation.DELETE, key, primaryKey, null, null, false).thenApply(row -> true));
        });
    }

    CompletionStage<Void> deleteWithVersion(K key, Object expectedVersion) {
        return Stages.start(() -> {
            PrimaryKey primaryKey = keys.toPrimaryKey(key);
            Object expected = InputChecks.version(spec, expectedVersion);
            Condition condition = visibility(Condition.equalTo(spec.versionColumn(), expected));
            long start = System.nanoTime();
            return interpret(call(Operation.DELETE, start, calls.delete(spec, primaryKey, condition)), outcome -> {
                if (outcome instanceof WriteOutcome.Applied) {
                    record(Operation.DELETE, Outcome.APPLIED, start);
                    return Stages.<Void>done(null);
                }
                return rejected(Operation.DELETE, key, primaryKey, expected, outcome, start).thenCompose(Stages::<Void>failed);
            }, unknown -> resolve(unknown, Operation.DELETE, key, primaryKey, expected, null, false).thenApply(row -> (Void) null));
        });
    }

    CompletionStage<T> softDelete(K key, Object expectedVersion) {
        return Stages.start(() -> {
            if (softDeleteColumn == null) throw new IllegalStateException(spec.table() + " has no soft-delete column");
            PrimaryKey primaryKey = keys.toPrimaryKey(key);
            Object expected = InputChecks.version(spec, expectedVersion);
            Instant now = store.versions().now();
            return versionedUpdate(key, primaryKey, expected, List.of(new Assignment.SetValue(softDeleteColumn, now)), null);
        });
    }

    /** Checks the arguments of modify, before any attempt; returns the checked key. */
    PrimaryKey modifyKey(K key, Function<? super T, Changes> change, dev.optilock.RetryPolicy policy) {
        PrimaryKey primaryKey = keys.toPrimaryKey(key);
        if (change == null) throw new IllegalArgumentException("change must not be null");
        if (policy == null) throw new IllegalArgumentException("policy must not be null");
        return primaryKey;
    }

    /** One attempt of modify: read, compute, write at the version read. */
    CompletionStage<T> modifyOnce(K key, PrimaryKey primaryKey, Function<? super T, Changes> change) {
        return find(key).thenCompose(found -> {
            T current = found.orElseThrow(() -> new EntityNotFoundException(spec.table(), key));
            List<Assignment> assignments = InputChecks.assignments(mapper, change.apply(current));
            Row before = mapper.toRow(current);
            return versionedUpdate(key, primaryKey, before.asMap().get(spec.versionColumn()), assignments, before);
        });
    }

    void recordRetry() {
        record(Operation.UPDATE, Outcome.RETRY, System.nanoTime());
    }

    Object versionOf(T entity) {
        if (entity == null) throw new IllegalArgumentException("entity must not be null");
        Object version = mapper.toRow(entity).asMap().get(spec.versionColumn());
        if (version == null) throw new IllegalArgumentException("entity has no version: " + entity);
        return version;
    }

    // ---- shared mechanics ----

    /**
     * Interprets a backend outcome; an {@link OutcomeUnknownException} from the backend goes to {@code onUnknown},
     * any other failure passes through. What the interpretation throws fails the returned stage.
     */
    private static <R> CompletionStage<R> interpret(CompletionStage<WriteOutcome> outcome,
            Function<WriteOutcome, CompletionStage<R>> onOutcome, Function<OutcomeUnknownException, CompletionStage<R>> onUnknown) {
        return outcome.handle((result, failure) -> {
            if (failure == null) return Stages.start(() -> onOutcome.apply(result));
            Throwable cause = Stages.unwrap(failure);
            if (cause instanceof OutcomeUnknownException unknown) return Stages.start(() -> onUnknown.apply(unknown));
            return Stages.<R>failed(cause);
        }).thenCompose(Function.identity());
    }

    /** The whole row: {@code reported} when it is complete, else read (a backend may report only some columns). */
    private CompletionStage<Optional<Row>> complete(Row reported, PrimaryKey primaryKey) {
        if (reported != null && isComplete(reported)) return Stages.done(Optional.of(reported));
        if (reported == null) return Stages.done(Optional.empty());
        return calls.find(spec, primaryKey);
    }

    /**
     * The row after an applied write: as the backend reported it, else derived from the row read before the
     * write (whose version the write required, so nothing can have changed in between), else read.
     */
    private CompletionStage<Row> rowAfter(WriteOutcome.Applied applied, PrimaryKey primaryKey, List<Assignment> assignments, Row before) {
        if (applied.row() != null) return Stages.done(applied.row());
        if (before != null) return Stages.done(Assignments.apply(before, assignments));
        return calls.find(spec, primaryKey).thenApply(found -> found.orElseThrow(() -> new BackendException(
                "the row of " + spec.table() + " " + primaryKey + " vanished right after an applied write", null)));
    }

    /** Adds "not soft-deleted" to a condition unless this view includes deleted rows. */
    private Condition visibility(Condition condition) {
        if (softDeleteColumn == null || includeDeleted) return condition;
        return condition.and(Condition.isNull(softDeleteColumn));
    }

    private boolean isVisible(Row row) {
        return softDeleteColumn == null || includeDeleted || !row.has(softDeleteColumn) || row.asMap().get(softDeleteColumn) == null;
    }

    private boolean isComplete(Row row) {
        return spec.columns().stream().allMatch(column -> row.has(column.name()));
    }

    /** The exception for a versioned write the backend did not apply. */
    private CompletionStage<OptilockException> rejected(Operation operation, K key, PrimaryKey primaryKey, Object expected,
            WriteOutcome outcome, long start) {
        Row current = outcome instanceof WriteOutcome.NotApplied notApplied ? notApplied.current() : null;
        if (outcome instanceof WriteOutcome.NotFound || current != null && !isVisible(current)) {
            record(operation, Outcome.NOT_FOUND, start);
            return Stages.done(new EntityNotFoundException(spec.table(), key));
        }
        Object reported = current == null || !current.has(spec.versionColumn()) ? null : current.asMap().get(spec.versionColumn());
        Object actual = Objects.equals(reported, expected) ? null : reported;
        CompletionStage<Row> entityRow;
        if (current != null && isComplete(current)) {
            entityRow = Stages.done(current);
        } else if (actual != null) {
            entityRow = calls.find(spec, primaryKey).thenApply(reread -> reread
                    .filter(row -> Objects.equals(row.asMap().get(spec.versionColumn()), actual)).orElse(null));
        } else {
            entityRow = Stages.done(null);
        }
        return entityRow.thenApply(row -> {
            if (row != null && !isVisible(row)) {
                record(operation, Outcome.NOT_FOUND, start);
                return new EntityNotFoundException(spec.table(), key);
            }
            record(operation, Outcome.CONFLICT, start);
            return new OptimisticLockException(spec.table(), key, expected, actual, row == null ? null : mapper.toEntity(row));
        });
    }

    /**
     * Resolves an unknown outcome with a read: completes with the written row when the read proves the write
     * was applied (the row carries the write's own UUID version); else fails with {@link OutcomeUnknownException},
     * {@link Resolution#NOT_APPLIED} when the backend's reads are definitive and prove it was not, or
     * {@link Resolution#UNKNOWN}.
     *
     * @param expected the version the write required, or null
     * @param uniqueVersion a version only this write could have produced, or null
     * @param insert whether the write was an insert (an absent row then proves it was not applied)
     */
    private CompletionStage<Row> resolve(OutcomeUnknownException unknown, Operation operation, Object key, PrimaryKey primaryKey,
            Object expected, Object uniqueVersion, boolean insert) {
        long start = System.nanoTime();
        record(operation, Outcome.UNKNOWN, start);
        return calls.find(spec, primaryKey).handle((row, readFailure) -> {
            if (readFailure != null) {
                OutcomeUnknownException failure = new OutcomeUnknownException(spec.table(), key, Resolution.UNKNOWN,
                        "the resolving read failed too", unknown);
                failure.addSuppressed(Stages.unwrap(readFailure));
                throw failure;
            }
            Object version = row.map(found -> found.asMap().get(spec.versionColumn())).orElse(null);
            if (uniqueVersion != null && spec.versionKind() == VersionKind.UUID && uniqueVersion.equals(version)) {
                record(operation, Outcome.APPLIED, start);
                return row.get();
            }
            boolean definitive = store.backend().capabilities().has(Capability.DEFINITIVE_READS);
            if (definitive && expected != null && expected.equals(version)) {
                throw new OutcomeUnknownException(spec.table(), key, Resolution.NOT_APPLIED,
                        "a definitive read found the row still at the expected version " + expected, unknown);
            }
            if (definitive && insert && row.isEmpty()) {
                throw new OutcomeUnknownException(spec.table(), key, Resolution.NOT_APPLIED, "a definitive read found no row", unknown);
            }
            throw new OutcomeUnknownException(spec.table(), key, Resolution.UNKNOWN,
                    definitive ? "a read could not tell" : "the backend's reads are not definitive", unknown);
        });
    }

    /** Records failures other than outcomes (unknown outcomes are recorded when resolved) as FAILED. */
    private <R> CompletionStage<R> call(Operation operation, long start, CompletionStage<R> backendCall) {
        return backendCall.whenComplete((result, failure) -> {
            if (failure != null && !(Stages.unwrap(failure) instanceof OutcomeUnknownException)) {
                record(operation, Outcome.FAILED, start);
            }
        });
    }

    private void record(Operation operation, Outcome outcome, long start) {
        store.metrics().record(spec.table(), operation, outcome, start);
    }

    private Object keyOf(T entity) {
        PrimaryKey primaryKey = spec.keyOf(mapper.toRow(entity));
        return primaryKey.size() == 1 && keys.keyType() != PrimaryKey.class ? primaryKey.get(0) : primaryKey;
    }
}
