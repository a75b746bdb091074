package dev.optilock.internal;

import dev.optilock.AsyncVersionedRepository;
import dev.optilock.Capability;
import dev.optilock.Changes;
import dev.optilock.Condition;
import dev.optilock.EntityExistsException;
import dev.optilock.EntityNotFoundException;
import dev.optilock.EntitySpec;
import dev.optilock.ItemOutcome;
import dev.optilock.OperationEvent.Operation;
import dev.optilock.OperationEvent.Outcome;
import dev.optilock.OptilockException;
import dev.optilock.OptimisticLockException;
import dev.optilock.OutcomeUnknownException;
import dev.optilock.OutcomeUnknownException.Resolution;
import dev.optilock.PrimaryKey;
import dev.optilock.RetryPolicy;
import dev.optilock.Row;
import dev.optilock.VersionKind;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedUpdate;
import dev.optilock.WriteResult;
import dev.optilock.spi.Assignment;
import dev.optilock.spi.Backend;
import dev.optilock.spi.WriteOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Every repository operation, written once over the backend primitives: input checks, versions,
 * soft-delete visibility, exceptions, unknown-outcome resolution, retries and metrics.
 */
final class DefaultVersionedRepository<T, K> implements VersionedRepository<T, K> {
    private final DefaultVersionedStore store;
    private final EntityMapper<T> mapper;
    private final KeyMapper<K> keys;
    private final EntitySpec spec;
    private final boolean includeDeleted;
    private final String softDeleteColumn;

    DefaultVersionedRepository(DefaultVersionedStore store, EntityMapper<T> mapper, KeyMapper<K> keys, boolean includeDeleted) {
        this.store = store;
        this.mapper = mapper;
        this.keys = keys;
        this.spec = mapper.spec();
        this.includeDeleted = includeDeleted;
        this.softDeleteColumn = spec.softDeleteColumn().orElse(null);
    }

    @Override
    public EntitySpec spec() {
        return spec;
    }

    @Override
    public Optional<T> find(K key) {
        PrimaryKey primaryKey = keys.toPrimaryKey(key);
        long start = System.nanoTime();
        Optional<Row> row = call(Operation.FIND, start, () -> store.backend().find(spec, primaryKey));
        Optional<Row> visible = row.filter(this::isVisible);
        store.metrics().record(spec.table(), Operation.FIND, visible.isPresent() ? Outcome.APPLIED : Outcome.NOT_FOUND, start);
        return visible.map(mapper::toEntity);
    }

    @Override
    public WriteResult<T> insertIfAbsent(T entity) {
        Row given = mapper.toRow(entity);
        Object initialVersion = store.versions().initial(spec.versionKind());
        Row row = given.toBuilder().set(spec.versionColumn(), initialVersion).build();
        PrimaryKey primaryKey = primaryKeyOf(row);
        long start = System.nanoTime();
        WriteOutcome outcome;
        try {
            outcome = call(Operation.INSERT, start, () -> store.backend().insertIfAbsent(spec, row));
        } catch (OutcomeUnknownException unknown) {
            Row written = resolve(unknown, Operation.INSERT, primaryKey, primaryKey, null, initialVersion, true);
            return WriteResult.applied(mapper.toEntity(written));
        }
        if (outcome instanceof WriteOutcome.Applied applied) {
            store.metrics().record(spec.table(), Operation.INSERT, Outcome.APPLIED, start);
            return WriteResult.applied(mapper.toEntity(applied.row() == null ? row : applied.row()));
        }
        store.metrics().record(spec.table(), Operation.INSERT, Outcome.CONFLICT, start);
        Row existing = outcome instanceof WriteOutcome.NotApplied notApplied ? notApplied.current() : null;
        if (existing == null || !isComplete(existing)) existing = store.backend().find(spec, primaryKey).orElse(null);
        return WriteResult.notApplied(existing == null ? null : mapper.toEntity(existing));
    }

    @Override
    public T insert(T entity) {
        WriteResult<T> result = insertIfAbsent(entity);
        if (!result.applied()) {
            throw new EntityExistsException(spec.table(), keyOf(entity), result.existing().orElse(null));
        }
        return result.entity();
    }

    @Override
    public T updateWithVersion(K key, Object expectedVersion, Changes changes) {
        PrimaryKey primaryKey = keys.toPrimaryKey(key);
        Object expected = InputChecks.version(spec, expectedVersion);
        List<Assignment> assignments = InputChecks.assignments(mapper, changes);
        return versionedUpdate(key, primaryKey, expected, assignments, null);
    }

    /**
     * The versioned write behind updateWithVersion, softDelete, modify and updateAll.
     *
     * @param before the row as read before the write, when the caller has it (modify), else null
     */
    private T versionedUpdate(K key, PrimaryKey primaryKey, Object expected, List<Assignment> assignments, Row before) {
        Object next = store.versions().next(spec.versionKind(), expected);
        List<Assignment> all = new ArrayList<>(assignments);
        all.add(new Assignment.SetValue(spec.versionColumn(), next));
        Condition condition = visibility(Condition.equalTo(spec.versionColumn(), expected));
        long start = System.nanoTime();
        WriteOutcome outcome;
        try {
            outcome = call(Operation.UPDATE, start, () -> store.backend().update(spec, primaryKey, all, condition));
        } catch (OutcomeUnknownException unknown) {
            return mapper.toEntity(resolve(unknown, Operation.UPDATE, key, primaryKey, expected, next, false));
        }
        if (outcome instanceof WriteOutcome.Applied applied) {
            store.metrics().record(spec.table(), Operation.UPDATE, Outcome.APPLIED, start);
            return mapper.toEntity(rowAfter(applied, primaryKey, all, before));
        }
        throw rejected(Operation.UPDATE, key, primaryKey, expected, outcome, start);
    }

    @Override
    public WriteResult<T> update(K key, Changes changes, Condition condition) {
        PrimaryKey primaryKey = keys.toPrimaryKey(key);
        List<Assignment> assignments = InputChecks.assignments(mapper, changes);
        Condition checked = InputChecks.condition(mapper, condition);
        return conditionalUpdate(key, primaryKey, assignments, checked);
    }

    @Override
    public WriteResult<T> updateIfExists(K key, Changes changes) {
        PrimaryKey primaryKey = keys.toPrimaryKey(key);
        List<Assignment> assignments = InputChecks.assignments(mapper, changes);
        return conditionalUpdate(key, primaryKey, assignments, Condition.always());
    }

    private WriteResult<T> conditionalUpdate(K key, PrimaryKey primaryKey, List<Assignment> assignments, Condition condition) {
        Assignment.NextVersion advance = store.versions().advance(spec);
        List<Assignment> all = new ArrayList<>(assignments);
        all.add(advance);
        Condition guarded = visibility(condition);
        long start = System.nanoTime();
        WriteOutcome outcome;
        try {
            outcome = call(Operation.UPDATE, start, () -> store.backend().update(spec, primaryKey, all, guarded));
        } catch (OutcomeUnknownException unknown) {
            Object unique = spec.versionKind() == VersionKind.UUID ? advance.candidate() : null;
            return WriteResult.applied(mapper.toEntity(resolve(unknown, Operation.UPDATE, key, primaryKey, null, unique, false)));
        }
        if (outcome instanceof WriteOutcome.Applied applied) {
            store.metrics().record(spec.table(), Operation.UPDATE, Outcome.APPLIED, start);
            return WriteResult.applied(mapper.toEntity(rowAfter(applied, primaryKey, all, null)));
        }
        Row current = outcome instanceof WriteOutcome.NotApplied notApplied ? notApplied.current() : null;
        if (current != null && !isComplete(current)) current = store.backend().find(spec, primaryKey).orElse(null);
        if (outcome instanceof WriteOutcome.NotFound || current == null || !isVisible(current)) {
            store.metrics().record(spec.table(), Operation.UPDATE, Outcome.NOT_FOUND, start);
            return WriteResult.notApplied(null);
        }
        store.metrics().record(spec.table(), Operation.UPDATE, Outcome.CONFLICT, start);
        return WriteResult.notApplied(mapper.toEntity(current));
    }

    @Override
    public boolean deleteIfExists(K key) {
        PrimaryKey primaryKey = keys.toPrimaryKey(key);
        Condition condition = visibility(Condition.always());
        long start = System.nanoTime();
        WriteOutcome outcome;
        try {
            outcome = call(Operation.DELETE, start, () -> store.backend().delete(spec, primaryKey, condition));
        } catch (OutcomeUnknownException unknown) {
            resolve(unknown, Operation.DELETE, key, primaryKey, null, null, false);
            throw new AssertionError("unresolvable outcome must throw");
        }
        if (outcome instanceof WriteOutcome.Applied) {
            store.metrics().record(spec.table(), Operation.DELETE, Outcome.APPLIED, start);
            return true;
        }
        store.metrics().record(spec.table(), Operation.DELETE, Outcome.NOT_FOUND, start);
        return false;
    }

    @Override
    public void deleteWithVersion(K key, Object expectedVersion) {
        PrimaryKey primaryKey = keys.toPrimaryKey(key);
        Object expected = InputChecks.version(spec, expectedVersion);
        Condition condition = visibility(Condition.equalTo(spec.versionColumn(), expected));
        long start = System.nanoTime();
        WriteOutcome outcome;
        try {
            outcome = call(Operation.DELETE, start, () -> store.backend().delete(spec, primaryKey, condition));
        } catch (OutcomeUnknownException unknown) {
            resolve(unknown, Operation.DELETE, key, primaryKey, expected, null, false);
            throw new AssertionError("a delete cannot be proved applied by a read");
        }
        if (outcome instanceof WriteOutcome.Applied) {
            store.metrics().record(spec.table(), Operation.DELETE, Outcome.APPLIED, start);
            return;
        }
        throw rejected(Operation.DELETE, key, primaryKey, expected, outcome, start);
    }

    @Override
    public T softDelete(K key, Object expectedVersion) {
        if (softDeleteColumn == null) {
            throw new IllegalStateException(spec.table() + " has no soft-delete column");
        }
        PrimaryKey primaryKey = keys.toPrimaryKey(key);
        Object expected = InputChecks.version(spec, expectedVersion);
        Instant now = store.versions().now();
        return versionedUpdate(key, primaryKey, expected, List.of(new Assignment.SetValue(softDeleteColumn, now)), null);
    }

    @Override
    public T modify(K key, Function<? super T, Changes> change, RetryPolicy policy) {
        PrimaryKey primaryKey = keys.toPrimaryKey(key);
        if (change == null) throw new IllegalArgumentException("change must not be null");
        if (policy == null) throw new IllegalArgumentException("policy must not be null");
        return RetryLoop.run(() -> {
            T current = find(key).orElseThrow(() -> new EntityNotFoundException(spec.table(), key));
            Changes changes = change.apply(current);
            List<Assignment> assignments = InputChecks.assignments(mapper, changes);
            Row before = mapper.toRow(current);
            return versionedUpdate(key, primaryKey, before.asMap().get(spec.versionColumn()), assignments, before);
        }, policy, retry -> store.metrics().record(spec.table(), Operation.UPDATE, Outcome.RETRY, System.nanoTime()));
    }

    @Override
    public List<ItemOutcome<T, K>> updateAll(List<VersionedUpdate<K>> updates) {
        if (updates == null) throw new IllegalArgumentException("updates must not be null");
        List<PrimaryKey> primaryKeys = new ArrayList<>(updates.size());
        List<Object> versions = new ArrayList<>(updates.size());
        List<List<Assignment>> assignments = new ArrayList<>(updates.size());
        for (int i = 0; i < updates.size(); i++) {
            VersionedUpdate<K> update = updates.get(i);
            try {
                if (update == null) throw new IllegalArgumentException("must not be null");
                primaryKeys.add(keys.toPrimaryKey(update.key()));
                versions.add(InputChecks.version(spec, update.expectedVersion()));
                assignments.add(InputChecks.assignments(mapper, update.changes()));
            } catch (IllegalArgumentException bad) {
                throw new IllegalArgumentException("updates[" + i + "]: " + bad.getMessage(), bad);
            }
        }
        List<ItemOutcome<T, K>> outcomes = new ArrayList<>(updates.size());
        for (int i = 0; i < updates.size(); i++) {
            K key = updates.get(i).key();
            try {
                outcomes.add(new ItemOutcome<>(i, key, versionedUpdate(key, primaryKeys.get(i), versions.get(i), assignments.get(i), null), null));
            } catch (OptilockException failure) {
                outcomes.add(new ItemOutcome<>(i, key, null, failure));
            }
        }
        return outcomes;
    }

    @Override
    public Object versionOf(T entity) {
        if (entity == null) throw new IllegalArgumentException("entity must not be null");
        Object version = mapper.toRow(entity).asMap().get(spec.versionColumn());
        if (version == null) throw new IllegalArgumentException("entity has no version: " + entity);
        return version;
    }

    @Override
    public VersionedRepository<T, K> includingDeleted() {
        return includeDeleted ? this : new DefaultVersionedRepository<>(store, mapper, keys, true);
    }

    @Override
    public AsyncVersionedRepository<T, K> async() {
        return new DefaultAsyncVersionedRepository<>(this, store.asyncExecutor());
    }

    // ---- shared mechanics ----

    /**
     * The row after an applied write: as the backend reported it, else derived from the row read before
     * the write (whose version the write required, so nothing can have changed in between), else read.
     */
    private Row rowAfter(WriteOutcome.Applied applied, PrimaryKey primaryKey, List<Assignment> assignments, Row before) {
        if (applied.row() != null) return applied.row();
        if (before != null) return dev.optilock.memory.Assignments.apply(before, assignments);
        return store.backend().find(spec, primaryKey).orElseThrow(() -> new dev.optilock.BackendException(
                "the row of " + spec.table() + " " + primaryKey + " vanished right after an applied write", null));
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
        return row.columns().size() >= spec.columns().size()
                && spec.columns().stream().allMatch(column -> row.has(column.name()));
    }

    /** The exception for a versioned write the backend did not apply. */
    private OptilockException rejected(Operation operation, K key, PrimaryKey primaryKey, Object expected,
            WriteOutcome outcome, long start) {
        Row current = outcome instanceof WriteOutcome.NotApplied notApplied ? notApplied.current() : null;
        boolean deleted = current != null && !isVisible(current);
        if (outcome instanceof WriteOutcome.NotFound || deleted) {
            store.metrics().record(spec.table(), operation, Outcome.NOT_FOUND, start);
            return new EntityNotFoundException(spec.table(), key);
        }
        Object actual = current == null || !current.has(spec.versionColumn()) ? null : current.asMap().get(spec.versionColumn());
        if (Objects.equals(actual, expected)) {
            actual = null;
        }
        Row entityRow = current != null && isComplete(current) ? current : null;
        if (entityRow == null && actual != null) {
            Row reread = store.backend().find(spec, primaryKey).orElse(null);
            if (reread != null && Objects.equals(reread.asMap().get(spec.versionColumn()), actual)) entityRow = reread;
        }
        if (entityRow != null && !isVisible(entityRow)) {
            store.metrics().record(spec.table(), operation, Outcome.NOT_FOUND, start);
            return new EntityNotFoundException(spec.table(), key);
        }
        store.metrics().record(spec.table(), operation, Outcome.CONFLICT, start);
        return new OptimisticLockException(spec.table(), key, expected, actual, entityRow == null ? null : mapper.toEntity(entityRow));
    }

    /**
     * Resolves an unknown outcome with a read: returns the written row when the read proves the write was
     * applied (the row carries the write's own UUID version), else throws {@link OutcomeUnknownException}
     * with {@link Resolution#NOT_APPLIED} when the read is definitive and proves it was not, or
     * {@link Resolution#UNKNOWN}.
     *
     * @param expected the version the write required, or null
     * @param uniqueVersion a version only this write could have produced, or null
     * @param insert whether the write was an insert (an absent row then proves it was not applied)
     */
    private Row resolve(OutcomeUnknownException unknown, Operation operation, Object key, PrimaryKey primaryKey,
            Object expected, Object uniqueVersion, boolean insert) {
        long start = System.nanoTime();
        store.metrics().record(spec.table(), operation, Outcome.UNKNOWN, start);
        Optional<Row> row;
        try {
            row = store.backend().find(spec, primaryKey);
        } catch (RuntimeException readFailed) {
            OutcomeUnknownException failure = new OutcomeUnknownException(spec.table(), key, Resolution.UNKNOWN,
                    "the resolving read failed too", unknown);
            failure.addSuppressed(readFailed);
            throw failure;
        }
        Object version = row.map(r -> r.asMap().get(spec.versionColumn())).orElse(null);
        if (uniqueVersion != null && spec.versionKind() == VersionKind.UUID && uniqueVersion.equals(version)) {
            store.metrics().record(spec.table(), operation, Outcome.APPLIED, start);
            return row.get();
        }
        boolean definitive = store.backend().capabilities().has(Capability.DEFINITIVE_READS);
        if (definitive && expected != null && expected.equals(version)) {
            throw new OutcomeUnknownException(spec.table(), key, Resolution.NOT_APPLIED,
                    "a definitive read found the row still at the expected version " + expected, unknown);
        }
        if (definitive && insert && row.isEmpty()) {
            throw new OutcomeUnknownException(spec.table(), key, Resolution.NOT_APPLIED,
                    "a definitive read found no row", unknown);
        }
        throw new OutcomeUnknownException(spec.table(), key, Resolution.UNKNOWN,
                definitive ? "a read could not tell" : "the backend's reads are not definitive", unknown);
    }

    /** Runs a backend call, recording failures other than outcomes as FAILED. */
    private <R> R call(Operation operation, long start, Supplier<R> backendCall) {
        try {
            return backendCall.get();
        } catch (OutcomeUnknownException unknown) {
            throw unknown;
        } catch (RuntimeException failure) {
            store.metrics().record(spec.table(), operation, Outcome.FAILED, start);
            throw failure;
        }
    }

    private PrimaryKey primaryKeyOf(Row row) {
        Object[] values = spec.keyColumns().stream().map(column -> row.asMap().get(column)).toArray();
        return PrimaryKey.of(values);
    }

    private Object keyOf(T entity) {
        PrimaryKey primaryKey = primaryKeyOf(mapper.toRow(entity));
        return primaryKey.size() == 1 && keys.keyType() != PrimaryKey.class ? primaryKey.get(0) : primaryKey;
    }

    EntityMapper<T> mapper() {
        return mapper;
    }

    Backend backend() {
        return store.backend();
    }
}
