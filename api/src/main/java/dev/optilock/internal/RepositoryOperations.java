package dev.optilock.internal;

import dev.optilock.BackendException;
import dev.optilock.Changes;
import dev.optilock.ColumnDefinition;
import dev.optilock.Condition;
import dev.optilock.ContentionException;
import dev.optilock.EntityExistsException;
import dev.optilock.EntityNotFoundException;
import dev.optilock.EntitySpec;
import dev.optilock.GroupResult;
import dev.optilock.GroupWrite;
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
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

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
    /** The most attempts of an insert over a tombstone, or of a delete, while the row keeps changing under it. */
    private static final int MAX_ATTEMPTS = 1000;

    private final DefaultVersionedStore store;
    private final EntityMapper<T> mapper;
    private final KeyMapper<K> keys;
    private final EntitySpec spec;
    private final boolean includeDeleted;
    private final String softDeleteColumn;
    private final BackendCalls calls;
    /** The spec the backend stores: {@link #spec}, plus the hidden columns when the store keeps write identities. */
    private final EntitySpec stored;
    /** The specs updates and deletes are sent with ({@link WriteIdentity#written}): without and with the history. */
    private final EntitySpec updateSpec;
    private final EntitySpec updateSpecWithHistory;
    private final boolean identities;
    private final Settlement settlement;
    private final Visibility visibility;
    private final PreparedWrites preparedWrites;
    private final GroupOperations<T, K> groups;

    RepositoryOperations(DefaultVersionedStore store, EntityMapper<T> mapper, KeyMapper<K> keys, boolean includeDeleted,
            BackendCalls calls) {
        this.store = store;
        this.mapper = mapper;
        this.keys = keys;
        this.spec = mapper.spec();
        this.includeDeleted = includeDeleted;
        this.softDeleteColumn = spec.softDeleteColumn().orElse(null);
        this.calls = calls;
        this.identities = store.writeIdentities();
        this.stored = identities ? WriteIdentity.stored(spec) : spec;
        this.updateSpec = identities ? WriteIdentity.written(spec, false) : spec;
        this.updateSpecWithHistory = identities ? WriteIdentity.written(spec, true) : spec;
        this.settlement = new Settlement(stored, calls, store.timeout());
        this.visibility = new Visibility(identities, softDeleteColumn, includeDeleted);
        this.preparedWrites = new PreparedWrites(mapper, updateSpec, calls, new KnownAfter(spec, visibility.pinnedNull()), identities,
                visibility);
        this.groups = new GroupOperations<>(store, mapper, keys, stored, visibility, calls, settlement);
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
            return call(Operation.FIND, start, calls.find(stored, primaryKey)).thenApply(row -> {
                Optional<Row> visible = row.filter(visibility::isVisible);
                record(Operation.FIND, visible.isPresent() ? Outcome.APPLIED : Outcome.NOT_FOUND, start);
                return visible.map(this::entity);
            });
        });
    }

    CompletionStage<WriteResult<T>> insertIfAbsent(T entity) {
        return Stages.start(() -> insertAttempt(mapper.toRow(entity), 1));
    }

    /**
     * One attempt of an insert: {@code IF NOT EXISTS}; where the key holds a tombstone, a re-insert over it that
     * continues from its version. A tombstone that changes under the re-insert sends the insert again.
     */
    private CompletionStage<WriteResult<T>> insertAttempt(Row given, int attempt) {
        Object initialVersion = store.versions().initial(spec.versionKind());
        UUID identity = WriteIdentity.next();
        Row.Builder builder = given.toBuilder().set(spec.versionColumn(), initialVersion);
        if (identities) builder.set(WriteIdentity.WRITE, identity).set(WriteIdentity.DELETED, null).set(WriteIdentity.CREATED, identity);
        Row row = builder.build();
        PrimaryKey primaryKey = spec.keyOf(row);
        long start = System.nanoTime();
        Supplier<CompletionStage<WriteOutcome>> send = () -> calls.insertIfAbsent(stored, row);
        Settlement.PendingWrite pending = new Settlement.PendingWrite(identity, null, initialVersion, false, send);
        return written(Operation.INSERT, start, primaryKey, primaryKey, send, pending, initialVersion).thenCompose(outcome -> {
            if (outcome instanceof WriteOutcome.Applied applied) {
                record(Operation.INSERT, Outcome.APPLIED, start);
                return Stages.done(WriteResult.applied(entity(applied.row() == null ? row : applied.row())));
            }
            Row existing = outcome instanceof WriteOutcome.NotApplied notApplied ? notApplied.current() : null;
            return complete(existing, primaryKey).thenCompose(current -> {
                if (current.isPresent() && WriteIdentity.isTombstone(current.get())) {
                    return reinsert(given, current.get(), primaryKey, attempt, start);
                }
                record(Operation.INSERT, Outcome.CONFLICT, start);
                return Stages.done(WriteResult.notApplied(current.map(this::entity).orElse(null)));
            });
        });
    }

    /** Brings a tombstoned key back with {@code given}'s values, at the version after the one the tombstone deleted. */
    private CompletionStage<WriteResult<T>> reinsert(Row given, Row tombstone, PrimaryKey primaryKey, int attempt, long start) {
        if (attempt > MAX_ATTEMPTS) {
            return Stages.failed(new ContentionException(spec.table(), primaryKey, "insert into " + spec.table() + " "
                    + primaryKey + " gave up after " + MAX_ATTEMPTS + " attempts because the row kept changing; nothing was written"));
        }
        Object expected = tombstone.asMap().get(spec.versionColumn());
        Object next = store.versions().next(spec.versionKind(), Versions.deletedAt(expected));
        UUID identity = WriteIdentity.next();
        List<Assignment> assignments = new ArrayList<>();
        for (ColumnDefinition column : spec.columns()) {
            if (spec.isKey(column.name()) || column.name().equals(spec.versionColumn())) continue;
            assignments.add(new Assignment.SetValue(column.name(), given.asMap().get(column.name())));
        }
        assignments.add(new Assignment.SetValue(spec.versionColumn(), next));
        assignments.add(new Assignment.SetValue(WriteIdentity.WRITE, identity));
        assignments.add(new Assignment.SetValue(WriteIdentity.DELETED, null));
        assignments.add(new Assignment.SetValue(WriteIdentity.HISTORY, WriteIdentity.historyAfter(tombstone, spec.versionColumn())));
        Condition condition = Condition.equalTo(spec.versionColumn(), expected)
                .and(Condition.equalTo(WriteIdentity.DELETED, WriteIdentity.deleteOf(tombstone)));
        Supplier<CompletionStage<WriteOutcome>> send = () -> calls.update(updateSpecWithHistory, primaryKey, assignments, condition);
        Settlement.PendingWrite pending = new Settlement.PendingWrite(identity, expected, next, false, send);
        return written(Operation.INSERT, start, primaryKey, primaryKey, send, pending, next).thenCompose(outcome -> {
            if (outcome instanceof WriteOutcome.Applied applied) {
                record(Operation.INSERT, Outcome.APPLIED, start);
                Row after = applied.row() != null ? applied.row() : Assignments.apply(tombstone, assignments);
                return Stages.done(WriteResult.applied(entity(after)));
            }
            return insertAttempt(given, attempt + 1);
        });
    }

    CompletionStage<T> insert(T entity) {
        return insertIfAbsent(entity).thenCompose(result -> result.applied() ? Stages.done(result.entity())
                : Stages.failed(new EntityExistsException(spec.table(), keyOf(entity), result.existing().orElse(null))));
    }

    CompletionStage<T> updateWithVersion(K key, Object expectedVersion, Changes changes) {
        try { // as Stages.start, without a lambda on the hot path
            Object result = updateWithVersionAtOnce(key, expectedVersion, changes);
            return result instanceof Later later ? uncheckedCast(later.stage()) : Stages.done(uncheckedCast(result));
        } catch (RuntimeException | Error failure) {
            return Stages.failed(failure);
        }
    }

    /**
     * {@link #updateWithVersion(Object, Object, Changes)} for the blocking repository: the same write, whose usual
     * outcome (a prepared write, applied at once) comes back as the entity itself, without a stage around it.
     */
    T updateWithVersionNow(K key, Object expectedVersion, Changes changes) {
        Object result = updateWithVersionAtOnce(key, expectedVersion, changes);
        return result instanceof Later later ? Stages.await(uncheckedCast(later.stage())) : uncheckedCast(result);
    }

    /** The write of both: the entity when a prepared write applied at once, else a {@link Later}. */
    private Object updateWithVersionAtOnce(K key, Object expectedVersion, Changes changes) {
        PrimaryKey primaryKey = keys.toPrimaryKey(key);
        Object expected = InputChecks.version(spec, expectedVersion);
        PreparedWrites.Shape shape = preparedWrites.find(changes, expected);
        if (shape == null) return new Later(versionedUpdate(key, primaryKey, expected, InputChecks.assignments(mapper, changes), null));
        return preparedUpdate(key, primaryKey, expected, shape, changes);
    }

    /** What {@link #preparedUpdate} returns when the outcome is not the entity at once: the stage of the rest. */
    private record Later(CompletionStage<?> stage) {
    }

    /** {@link #preparedUpdate}'s answer as what it is: the entity, or the stage of the entity. */
    @SuppressWarnings("unchecked")
    private static <R> R uncheckedCast(Object value) {
        return (R) value;
    }

    /**
     * The versioned write {@link #versionedUpdate} would send for changes whose shape the backend prepared
     * ({@link PreparedWrites}): the same values and guard, the row after it known, without assignment and condition
     * objects per call.
     *
     * @return the entity after the write when it applied at once (the usual case), else a {@link Later} holding the stage
     *     of its outcome (a conflict, a failure, an outcome being settled, an asynchronous backend)
     */
    private Object preparedUpdate(K key, PrimaryKey primaryKey, Object expected, PreparedWrites.Shape shape, Changes changes) {
        Object next = store.versions().next(spec.versionKind(), expected);
        UUID identity = WriteIdentity.next();
        Object[] values = shape.values(changes.changes(), next, identity);
        long start = System.nanoTime();
        CompletionStage<WriteOutcome> sent = call(Operation.UPDATE, start, calls.set(shape.prepared(), primaryKey, values, expected));
        if (Stages.succeeded(sent) && sent.toCompletableFuture().join() instanceof WriteOutcome.Applied applied) {
            // The usual case, as versionedOutcome reports it, without a Row around the values: the row the call
            // determines, unless the backend stored some value otherwise and reports the row it wrote.
            record(Operation.UPDATE, Outcome.APPLIED, start);
            return applied.row() != null ? entity(applied.row()) : shape.entityAfter(mapper, primaryKey, values);
        }
        Row[] after = {Row.of(spec.columnNames(), shape.rowAfter(primaryKey, values))};
        if (!Stages.succeeded(sent)) {
            Supplier<CompletionStage<WriteOutcome>> send = () -> calls.set(shape.prepared(), primaryKey, values, expected);
            sent = settledIfUnknown(Operation.UPDATE, start, key, primaryKey, sent, new Settlement.PendingWrite(identity, expected, next, false, send),
                    next);
        }
        return new Later(versionedResult(sent, key, primaryKey, expected, identity, after, start));
    }

    /**
     * {@code updateWithVersion} of an entity the caller read: plain values are sent as a write that needs no row back
     * (one round trip on every backend; the entity after the write is the given one with the changes applied);
     * increments as {@link #updateWithVersion(Object, Object, Changes)} sends them, relative to the stored values.
     */
    CompletionStage<T> updateWithVersion(T entity, Changes changes) {
        return Stages.start(() -> {
            if (entity == null) throw new IllegalArgumentException("entity must not be null");
            Row given = mapper.toRow(entity);
            PrimaryKey primaryKey = spec.keyOf(given);
            K key = keys.fromPrimaryKey(primaryKey);
            Object expected = InputChecks.version(spec, given.asMap().get(spec.versionColumn()));
            List<Assignment> assignments = InputChecks.assignments(mapper, changes);
            boolean plain = assignments.stream().allMatch(assignment -> assignment instanceof Assignment.SetValue);
            return versionedUpdate(key, primaryKey, expected, assignments, plain ? given : null);
        });
    }

    /**
     * The versioned write behind updateWithVersion, softDelete, modify and updateAll. When the row before the write is
     * known, the write can apply only to that very state (versions never repeat), so every assignment's result is
     * known: the values are sent as a write whose caller needs no row back ({@code Backend.set}: one LWT on
     * Cassandra, an {@code UPDATE} without {@code RETURNING} in SQL), and the row after is computed from {@code before}.
     *
     * @param assignments the checked changes: a mutable list this call takes over (it appends the version, and the
     *        write identity and history where the store keeps them)
     * @param before the row before the write, when the caller has it: as read, hidden columns included (modify), or
     *        the caller's entity (its increments then are not passed: they must follow the stored values); else null
     */
    CompletionStage<T> versionedUpdate(K key, PrimaryKey primaryKey, Object expected, List<Assignment> assignments, Row before) {
        Object next = store.versions().next(spec.versionKind(), expected);
        UUID identity = WriteIdentity.next();
        List<Assignment> all = assignments;
        all.add(new Assignment.SetValue(spec.versionColumn(), next));
        if (identities) all.add(new Assignment.SetValue(WriteIdentity.WRITE, identity));
        boolean recordsHistory = identities && before != null && WriteIdentity.writeOf(before) != null;
        if (recordsHistory) {
            all.add(new Assignment.SetValue(WriteIdentity.HISTORY, WriteIdentity.historyAfter(before, spec.versionColumn())));
        }
        Condition condition = visibility.guardVersion(spec.versionColumn(), expected);
        long start = System.nanoTime();
        EntitySpec target = recordsHistory ? updateSpecWithHistory : updateSpec;
        // With the row before known, the row after is computed once, when the write is sent (an increment that
        // overflows fails the write there), and reported: never the row in Backend.set's answer (ScyllaDB answers an
        // applied LWT with the old row). The write can apply only to that state (versions never repeat).
        Row[] after = before == null ? null : new Row[1];
        // Sent directly; what settling an unknown outcome needs (a stage that sends it again) is made only then.
        CompletionStage<WriteOutcome> sent = call(Operation.UPDATE, start, sendVersioned(target, primaryKey, all, condition, before, after));
        if (!Stages.succeeded(sent)) {
            Supplier<CompletionStage<WriteOutcome>> send = () -> sendVersioned(target, primaryKey, all, condition, before, after);
            sent = settledIfUnknown(Operation.UPDATE, start, key, primaryKey, sent, new Settlement.PendingWrite(identity, expected, next, false, send),
                    next);
        }
        return versionedResult(sent, key, primaryKey, expected, identity, after, start);
    }

    /** The entity after a versioned write {@code sent} (its unknown outcome settled already), or its failure. */
    private CompletionStage<T> versionedResult(CompletionStage<WriteOutcome> sent, K key, PrimaryKey primaryKey, Object expected,
            UUID identity, Row[] after, long start) {
        // The synchronous path's usual case: the outcome is there, and needs no stage of its own.
        if (Stages.succeeded(sent)) {
            try {
                return versionedOutcome(sent.toCompletableFuture().join(), key, primaryKey, expected, identity, after, start);
            } catch (RuntimeException | Error failure) {
                return Stages.failed(failure);
            }
        }
        return sent.thenCompose(outcome -> versionedOutcome(outcome, key, primaryKey, expected, identity, after, start));
    }

    /**
     * Sends a versioned write once: as an update, or with the row before it known, as the values of the row after it
     * (computed here, into {@code after[0]}: an increment that overflows fails this stage).
     */
    private CompletionStage<WriteOutcome> sendVersioned(EntitySpec target, PrimaryKey primaryKey, List<Assignment> all,
            Condition condition, Row before, Row[] after) {
        try {
            if (before == null) return calls.update(target, primaryKey, all, condition);
            after[0] = Assignments.apply(before, all);
            return calls.set(target, primaryKey, Assignments.valuesIn(after[0], all), condition);
        } catch (RuntimeException | Error failure) {
            return Stages.failed(failure);
        }
    }

    /** The entity after an applied versioned write, or the exception for one not applied. */
    private CompletionStage<T> versionedOutcome(WriteOutcome outcome, K key, PrimaryKey primaryKey, Object expected, UUID identity,
            Row[] after, long start) {
        if (outcome instanceof WriteOutcome.Applied applied) {
            record(Operation.UPDATE, Outcome.APPLIED, start);
            if (after != null) return Stages.done(entity(after[0]));
            if (applied.row() != null) return Stages.done(entity(applied.row()));
            return rowAfter(applied, key, primaryKey, identity).thenApply(this::entity);
        }
        return rejected(Operation.UPDATE, key, primaryKey, expected, outcome, start).thenCompose(Stages::failed);
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

    /** @param assignments the checked changes: a mutable list this call takes over (it appends the version and identity) */
    private CompletionStage<WriteResult<T>> conditionalUpdate(K key, PrimaryKey primaryKey, List<Assignment> assignments,
            Condition condition) {
        Assignment.NextVersion advance = store.versions().advance(spec);
        UUID identity = WriteIdentity.next();
        List<Assignment> all = assignments;
        all.add(advance);
        if (identities) all.add(new Assignment.SetValue(WriteIdentity.WRITE, identity));
        Condition guarded = visibility.guard(condition);
        long start = System.nanoTime();
        Object unique = spec.versionKind() == VersionKind.UUID ? advance.candidate() : null;
        Settlement.PendingWrite pending = new Settlement.PendingWrite(identity, null, unique, false, null);
        return written(Operation.UPDATE, start, key, primaryKey, () -> calls.update(updateSpec, primaryKey, all, guarded), pending, unique)
                .thenCompose(outcome -> {
            if (outcome instanceof WriteOutcome.Applied applied) {
                record(Operation.UPDATE, Outcome.APPLIED, start);
                return rowAfter(applied, key, primaryKey, identity).thenApply(row -> WriteResult.applied(entity(row)));
            }
            Row reported = outcome instanceof WriteOutcome.NotApplied notApplied ? notApplied.current() : null;
            return complete(reported, primaryKey).thenApply(current -> {
                if (outcome instanceof WriteOutcome.NotFound || current.isEmpty() || !visibility.isVisible(current.get())) {
                    record(Operation.UPDATE, Outcome.NOT_FOUND, start);
                    return WriteResult.<T>notApplied(null);
                }
                record(Operation.UPDATE, Outcome.CONFLICT, start);
                return WriteResult.notApplied(entity(current.get()));
            });
        });
    }

    CompletionStage<Boolean> deleteIfExists(K key) {
        return Stages.start(() -> {
            PrimaryKey primaryKey = keys.toPrimaryKey(key);
            if (identities) return deleteVisible(key, primaryKey, 1);
            Condition condition = visibility.guard(Condition.always());
            long start = System.nanoTime();
            return written(Operation.DELETE, start, key, primaryKey, () -> calls.delete(stored, primaryKey, condition), null, null)
                    .thenApply(outcome -> {
                        boolean deleted = outcome instanceof WriteOutcome.Applied;
                        record(Operation.DELETE, deleted ? Outcome.APPLIED : Outcome.NOT_FOUND, start);
                        return deleted;
                    });
        });
    }

    /**
     * deleteIfExists on a store with tombstones: read the row, then delete it at the version read (a pinned write, so
     * an unknown outcome can be settled); a row that changed in between is read again.
     */
    private CompletionStage<Boolean> deleteVisible(K key, PrimaryKey primaryKey, int attempt) {
        long start = System.nanoTime();
        return calls.find(stored, primaryKey).thenCompose(found -> {
            if (found.isEmpty() || !visibility.isVisible(found.get())) {
                record(Operation.DELETE, Outcome.NOT_FOUND, start);
                return Stages.done(false);
            }
            if (attempt > MAX_ATTEMPTS) {
                return Stages.failed(new ContentionException(spec.table(), key, "delete of " + spec.table() + " " + key
                        + " gave up after " + MAX_ATTEMPTS + " attempts because the row kept changing; nothing was written"));
            }
            Object version = found.get().asMap().get(spec.versionColumn());
            return tombstone(key, primaryKey, version, start).thenCompose(outcome -> {
                if (outcome instanceof WriteOutcome.Applied) {
                    record(Operation.DELETE, Outcome.APPLIED, start);
                    return Stages.done(true);
                }
                return deleteVisible(key, primaryKey, attempt + 1);
            });
        });
    }

    /**
     * Turns the visible row at {@code version} into a tombstone: it keeps its values and write identity, takes the
     * tombstone's version ({@link Versions#ofTombstone}) and becomes invisible.
     */
    private CompletionStage<WriteOutcome> tombstone(K key, PrimaryKey primaryKey, Object version, long start) {
        UUID identity = WriteIdentity.next();
        List<Assignment.SetValue> values = List.of(new Assignment.SetValue(WriteIdentity.DELETED, identity),
                new Assignment.SetValue(spec.versionColumn(), Versions.ofTombstone(version)));
        Condition condition = visibility.guardVersion(spec.versionColumn(), version);
        Supplier<CompletionStage<WriteOutcome>> send = () -> calls.set(updateSpec, primaryKey, values, condition);
        Settlement.PendingWrite pending = new Settlement.PendingWrite(identity, version, version, true, send);
        return written(Operation.DELETE, start, key, primaryKey, send, pending, null);
    }

    CompletionStage<Void> deleteWithVersion(K key, Object expectedVersion) {
        return Stages.start(() -> {
            PrimaryKey primaryKey = keys.toPrimaryKey(key);
            Object expected = InputChecks.version(spec, expectedVersion);
            long start = System.nanoTime();
            CompletionStage<WriteOutcome> outcome;
            if (identities) {
                outcome = tombstone(key, primaryKey, expected, start);
            } else {
                Condition condition = visibility.guardVersion(spec.versionColumn(), expected);
                outcome = written(Operation.DELETE, start, key, primaryKey, () -> calls.delete(stored, primaryKey, condition), null,
                        null);
            }
            return outcome.thenCompose(result -> {
                if (result instanceof WriteOutcome.Applied) {
                    record(Operation.DELETE, Outcome.APPLIED, start);
                    return Stages.<Void>done(null);
                }
                return rejected(Operation.DELETE, key, primaryKey, expected, result, start).thenCompose(Stages::<Void>failed);
            });
        });
    }

    CompletionStage<T> softDelete(K key, Object expectedVersion) {
        return Stages.start(() -> {
            if (softDeleteColumn == null) throw new IllegalStateException(spec.table() + " has no soft-delete column");
            PrimaryKey primaryKey = keys.toPrimaryKey(key);
            Object expected = InputChecks.version(spec, expectedVersion);
            Instant now = store.versions().now();
            List<Assignment> assignments = new ArrayList<>(4);
            assignments.add(new Assignment.SetValue(softDeleteColumn, now));
            return versionedUpdate(key, primaryKey, expected, assignments, null);
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
        long start = System.nanoTime();
        return call(Operation.FIND, start, calls.find(stored, primaryKey)).thenCompose(found -> {
            Optional<Row> visible = found.filter(visibility::isVisible);
            record(Operation.FIND, visible.isPresent() ? Outcome.APPLIED : Outcome.NOT_FOUND, start);
            Row before = visible.orElseThrow(() -> new EntityNotFoundException(spec.table(), key));
            List<Assignment> assignments = InputChecks.assignments(mapper, change.apply(entity(before)));
            return versionedUpdate(key, primaryKey, before.asMap().get(spec.versionColumn()), assignments, before);
        });
    }

    CompletionStage<GroupResult<T, K>> applyAtomically(List<GroupWrite<T, K>> writes) {
        return groups.apply(writes);
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

    /** The whole row: {@code reported} when it is complete, else read (a backend may report only some columns). */
    private CompletionStage<Optional<Row>> complete(Row reported, PrimaryKey primaryKey) {
        if (reported != null && isComplete(reported)) return Stages.done(Optional.of(reported));
        if (reported == null) return Stages.done(Optional.empty());
        return calls.find(stored, primaryKey);
    }

    /** The row after an applied write sent without the row before it: as the backend reported it, else read. */
    private CompletionStage<Row> rowAfter(WriteOutcome.Applied applied, Object key, PrimaryKey primaryKey, UUID identity) {
        if (applied.row() != null) return Stages.done(applied.row());
        return calls.find(stored, primaryKey).thenApply(found -> {
            Row row = found.orElseThrow(() -> new BackendException(
                    "the row of " + spec.table() + " " + primaryKey + " vanished right after an applied write", null));
            if (identities && !identity.equals(WriteIdentity.writeOf(row))) {
                // Settled as applied from the row's history: a later write has replaced the state this one wrote.
                throw new OutcomeUnknownException(spec.table(), key, Resolution.APPLIED, "the row's history proves the write"
                        + " applied, but a later write has replaced the row it wrote, so that row cannot be returned", null);
            }
            return row;
        });
    }

    /** Whether the row has every column the store reports: the entity's, and whether it is a tombstone. */
    private boolean isComplete(Row row) {
        return updateSpec.columns().stream().allMatch(column -> row.has(column.name()));
    }

    /** The exception for a versioned write the backend did not apply. */
    private CompletionStage<OptilockException> rejected(Operation operation, K key, PrimaryKey primaryKey, Object expected,
            WriteOutcome outcome, long start) {
        Row current = outcome instanceof WriteOutcome.NotApplied notApplied ? notApplied.current() : null;
        if (outcome instanceof WriteOutcome.NotFound || current != null && !visibility.isVisible(current)) {
            record(operation, Outcome.NOT_FOUND, start);
            return Stages.done(new EntityNotFoundException(spec.table(), key));
        }
        Object reported = current == null || !current.has(spec.versionColumn()) ? null : current.asMap().get(spec.versionColumn());
        Object actual = Objects.equals(reported, expected) ? null : reported;
        CompletionStage<Row> entityRow;
        if (current != null && isComplete(current)) {
            entityRow = Stages.done(current);
        } else if (actual != null) {
            entityRow = calls.find(stored, primaryKey).thenApply(reread -> reread
                    .filter(row -> Objects.equals(row.asMap().get(spec.versionColumn()), actual)).orElse(null));
        } else {
            entityRow = Stages.done(null);
        }
        return entityRow.thenApply(row -> {
            // A row read again at another version than the one reported: that version, a tombstone's, still says the
            // write met a deleted row.
            boolean tombstone = row == null && identities && Versions.isTombstoneVersion(actual);
            if (row != null && !visibility.isVisible(row) || tombstone) {
                record(operation, Outcome.NOT_FOUND, start);
                return new EntityNotFoundException(spec.table(), key);
            }
            record(operation, Outcome.CONFLICT, start);
            return new OptimisticLockException(spec.table(), key, expected, actual, row == null ? null : entity(row));
        });
    }

    /**
     * Sends a write and settles an unknown outcome: on a store with write identities by {@link Settlement}; otherwise
     * only a row carrying the write's own UUID version proves anything (applied). What reaches the caller as
     * {@link OutcomeUnknownException} is recorded as UNKNOWN.
     *
     * @param pending the write as {@link Settlement} needs it, or null when there are no identities
     * @param uniqueVersion a version only this write could have produced, or null
     */
    private CompletionStage<WriteOutcome> written(Operation operation, long start, Object key, PrimaryKey primaryKey,
            Supplier<CompletionStage<WriteOutcome>> send, Settlement.PendingWrite pending, Object uniqueVersion) {
        CompletionStage<WriteOutcome> sent = call(operation, start, Stages.start(send));
        if (Stages.succeeded(sent)) return sent; // the synchronous path's usual case, without more stages
        return settledIfUnknown(operation, start, key, primaryKey, sent, pending, uniqueVersion);
    }

    /** {@code sent}, with an unknown outcome settled as {@link #written} settles it. */
    private CompletionStage<WriteOutcome> settledIfUnknown(Operation operation, long start, Object key, PrimaryKey primaryKey,
            CompletionStage<WriteOutcome> sent, Settlement.PendingWrite pending, Object uniqueVersion) {
        return sent.handle((outcome, failure) -> {
            if (failure == null) return Stages.done(outcome);
            Throwable cause = Stages.unwrap(failure);
            if (!(cause instanceof OutcomeUnknownException unknown)) return Stages.<WriteOutcome>failed(cause);
            CompletionStage<WriteOutcome> settled = identities && pending != null
                    ? settlement.settle(pending, key, primaryKey, unknown)
                    : readBack(unknown, key, primaryKey, uniqueVersion);
            return settled.whenComplete((result, unsettled) -> {
                if (unsettled == null) {
                    record(operation, Outcome.SETTLED, start);
                } else if (Stages.unwrap(unsettled) instanceof OutcomeUnknownException) {
                    record(operation, Outcome.UNKNOWN, start);
                }
            });
        }).thenCompose(Function.identity());
    }

    /**
     * Without write identities: applied when the row carries the write's own UUID version; otherwise unknown. (A row
     * still at the expected version, or no row, proves nothing once versions can repeat across a delete.)
     */
    private CompletionStage<WriteOutcome> readBack(OutcomeUnknownException unknown, Object key, PrimaryKey primaryKey,
            Object uniqueVersion) {
        return calls.find(stored, primaryKey).handle((row, readFailure) -> {
            if (readFailure != null) {
                OutcomeUnknownException failure = new OutcomeUnknownException(spec.table(), key, Resolution.UNKNOWN,
                        "the resolving read failed too", unknown);
                failure.addSuppressed(Stages.unwrap(readFailure));
                throw failure;
            }
            Object version = row.map(found -> found.asMap().get(spec.versionColumn())).orElse(null);
            if (uniqueVersion != null && spec.versionKind() == VersionKind.UUID && uniqueVersion.equals(version)) {
                return new WriteOutcome.Applied(row.get());
            }
            throw new OutcomeUnknownException(spec.table(), key, Resolution.UNKNOWN,
                    "the store keeps no write identities, and the row does not carry the write's own version", unknown);
        });
    }

    private T entity(Row row) {
        return mapper.toEntity(row);
    }

    /** Records failures other than outcomes (unknown outcomes are recorded when resolved) as FAILED. */
    private <R> CompletionStage<R> call(Operation operation, long start, CompletionStage<R> backendCall) {
        if (Stages.succeeded(backendCall)) return backendCall;
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
