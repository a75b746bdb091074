package dev.optilock.internal;

import dev.optilock.AsyncVersionedRepository;
import dev.optilock.Changes;
import dev.optilock.Condition;
import dev.optilock.EntitySpec;
import dev.optilock.GroupResult;
import dev.optilock.GroupWrite;
import dev.optilock.ItemOutcome;
import dev.optilock.OptilockException;
import dev.optilock.OptimisticRetry;
import dev.optilock.PrimaryKey;
import dev.optilock.RetryPolicy;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedUpdate;
import dev.optilock.WriteResult;
import dev.optilock.spi.Stages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The synchronous repository: runs {@link RepositoryOperations} with blocking backend calls on the caller's thread. */
final class DefaultVersionedRepository<T, K> implements VersionedRepository<T, K> {
    private final DefaultVersionedStore store;
    private final RepositoryOperations<T, K> operations;

    DefaultVersionedRepository(DefaultVersionedStore store, EntityMapper<T> mapper, KeyMapper<K> keys, boolean includeDeleted) {
        this.store = store;
        this.operations = new RepositoryOperations<>(store, mapper, keys, includeDeleted, BackendCalls.blocking(store::backend));
    }

    @Override
    public EntitySpec spec() {
        return operations.spec();
    }

    @Override
    public Optional<T> find(K key) {
        return Stages.await(operations.find(key));
    }

    @Override
    public WriteResult<T> insertIfAbsent(T entity) {
        return Stages.await(operations.insertIfAbsent(entity));
    }

    @Override
    public T insert(T entity) {
        return Stages.await(operations.insert(entity));
    }

    @Override
    public T updateWithVersion(K key, Object expectedVersion, Changes changes) {
        return operations.updateWithVersionNow(key, expectedVersion, changes);
    }

    @Override
    public T updateWithVersion(T entity, Changes changes) {
        return Stages.await(operations.updateWithVersion(entity, changes));
    }

    @Override
    public WriteResult<T> update(K key, Changes changes, Condition condition) {
        return Stages.await(operations.update(key, changes, condition));
    }

    @Override
    public WriteResult<T> updateIfExists(K key, Changes changes) {
        return Stages.await(operations.updateIfExists(key, changes));
    }

    @Override
    public boolean deleteIfExists(K key) {
        return Stages.await(operations.deleteIfExists(key));
    }

    @Override
    public void deleteWithVersion(K key, Object expectedVersion) {
        Stages.await(operations.deleteWithVersion(key, expectedVersion));
    }

    @Override
    public T softDelete(K key, Object expectedVersion) {
        return Stages.await(operations.softDelete(key, expectedVersion));
    }

    @Override
    public T modify(K key, Function<? super T, Changes> change, RetryPolicy policy) {
        PrimaryKey primaryKey = operations.modifyKey(key, change, policy);
        return OptimisticRetry.withOptimisticRetry(() -> Stages.await(operations.modifyOnce(key, primaryKey, change)), policy,
                retry -> operations.recordRetry());
    }

    @Override
    public List<ItemOutcome<T, K>> updateAll(List<VersionedUpdate<K>> updates) {
        List<ValidatedUpdate<K>> validated = ValidatedUpdate.all(operations, updates);
        List<ItemOutcome<T, K>> outcomes = new ArrayList<>(validated.size());
        for (ValidatedUpdate<K> update : validated) {
            try {
                T entity = Stages.await(operations.versionedUpdate(update.key(), update.primaryKey(), update.expected(),
                        new ArrayList<>(update.assignments()), null));
                outcomes.add(new ItemOutcome<>(update.index(), update.key(), entity, null));
            } catch (OptilockException failure) {
                outcomes.add(new ItemOutcome<>(update.index(), update.key(), null, failure));
            }
        }
        return outcomes;
    }

    @Override
    public GroupResult<T, K> applyAtomically(List<GroupWrite<T, K>> writes) {
        return Stages.await(operations.applyAtomically(writes));
    }

    @Override
    public Object versionOf(T entity) {
        return operations.versionOf(entity);
    }

    @Override
    public VersionedRepository<T, K> includingDeleted() {
        return operations.includeDeleted() ? this
                : new DefaultVersionedRepository<>(store, operations.mapper(), operations.keys(), true);
    }

    @Override
    public AsyncVersionedRepository<T, K> async() {
        return new DefaultAsyncVersionedRepository<>(this, store, operations.mapper(), operations.keys(), operations.includeDeleted());
    }
}
