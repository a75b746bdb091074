package dev.optilock.internal;

import dev.optilock.AsyncVersionedRepository;
import dev.optilock.Changes;
import dev.optilock.GroupResult;
import dev.optilock.GroupWrite;
import dev.optilock.Condition;
import dev.optilock.ItemOutcome;
import dev.optilock.OptilockException;
import dev.optilock.PrimaryKey;
import dev.optilock.RetryPolicy;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedUpdate;
import dev.optilock.WriteResult;
import dev.optilock.spi.AsyncBackend;
import dev.optilock.spi.Backend;
import dev.optilock.spi.Stages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The async repository. On a backend with a native async API ({@link AsyncBackend}) it chains the backend's
 * non-blocking stages through {@link RepositoryOperations}: no thread waits for I/O. On other backends it runs
 * each synchronous operation on the store's async executor. Either way the stages carry exactly the sync
 * results and exceptions.
 */
final class DefaultAsyncVersionedRepository<T, K> implements AsyncVersionedRepository<T, K> {
    private final VersionedRepository<T, K> sync;
    private final Executor executor;
    private final RepositoryOperations<T, K> operations;

    DefaultAsyncVersionedRepository(VersionedRepository<T, K> sync, DefaultVersionedStore store, EntityMapper<T> mapper,
            KeyMapper<K> keys, boolean includeDeleted) {
        this.sync = sync;
        this.executor = store.asyncExecutor();
        Backend backend = store.backend();
        this.operations = backend instanceof AsyncBackend
                ? new RepositoryOperations<>(store, mapper, keys, includeDeleted, BackendCalls.nonBlocking(() -> (AsyncBackend) store.backend()))
                : null;
    }

    private <R> CompletionStage<R> either(Supplier<CompletionStage<R>> nonBlocking, Supplier<R> blocking) {
        return operations != null ? nonBlocking.get() : CompletableFuture.supplyAsync(blocking, executor);
    }

    @Override
    public CompletionStage<Optional<T>> find(K key) {
        return either(() -> operations.find(key), () -> sync.find(key));
    }

    @Override
    public CompletionStage<WriteResult<T>> insertIfAbsent(T entity) {
        return either(() -> operations.insertIfAbsent(entity), () -> sync.insertIfAbsent(entity));
    }

    @Override
    public CompletionStage<T> insert(T entity) {
        return either(() -> operations.insert(entity), () -> sync.insert(entity));
    }

    @Override
    public CompletionStage<T> updateWithVersion(K key, Object expectedVersion, Changes changes) {
        return either(() -> operations.updateWithVersion(key, expectedVersion, changes), () -> sync.updateWithVersion(key, expectedVersion, changes));
    }

    @Override
    public CompletionStage<T> updateWithVersion(T entity, Changes changes) {
        return either(() -> operations.updateWithVersion(entity, changes), () -> sync.updateWithVersion(entity, changes));
    }

    @Override
    public CompletionStage<WriteResult<T>> update(K key, Changes changes, Condition condition) {
        return either(() -> operations.update(key, changes, condition), () -> sync.update(key, changes, condition));
    }

    @Override
    public CompletionStage<WriteResult<T>> updateIfExists(K key, Changes changes) {
        return either(() -> operations.updateIfExists(key, changes), () -> sync.updateIfExists(key, changes));
    }

    @Override
    public CompletionStage<Boolean> deleteIfExists(K key) {
        return either(() -> operations.deleteIfExists(key), () -> sync.deleteIfExists(key));
    }

    @Override
    public CompletionStage<Void> deleteWithVersion(K key, Object expectedVersion) {
        return either(() -> operations.deleteWithVersion(key, expectedVersion), () -> {
            sync.deleteWithVersion(key, expectedVersion);
            return null;
        });
    }

    @Override
    public CompletionStage<T> softDelete(K key, Object expectedVersion) {
        return either(() -> operations.softDelete(key, expectedVersion), () -> sync.softDelete(key, expectedVersion));
    }

    @Override
    public CompletionStage<T> modify(K key, Function<? super T, Changes> change, RetryPolicy policy) {
        return either(() -> Stages.start(() -> {
            PrimaryKey primaryKey = operations.modifyKey(key, change, policy);
            return RetryLoop.runAsync(() -> operations.modifyOnce(key, primaryKey, change), policy, retry -> operations.recordRetry());
        }), () -> sync.modify(key, change, policy));
    }

    @Override
    public CompletionStage<List<ItemOutcome<T, K>>> updateAll(List<VersionedUpdate<K>> updates) {
        return either(() -> Stages.start(() -> {
            List<ValidatedUpdate<K>> validated = ValidatedUpdate.all(operations, updates);
            CompletionStage<List<ItemOutcome<T, K>>> chain = Stages.done(new ArrayList<>(validated.size()));
            for (ValidatedUpdate<K> update : validated) {
                chain = chain.thenCompose(outcomes -> operations
                        .versionedUpdate(update.key(), update.primaryKey(), update.expected(),
                        new ArrayList<>(update.assignments()), null)
                        .handle((entity, failure) -> {
                            Throwable cause = failure == null ? null : Stages.unwrap(failure);
                            if (cause != null && !(cause instanceof OptilockException)) throw new java.util.concurrent.CompletionException(cause);
                            outcomes.add(new ItemOutcome<>(update.index(), update.key(), entity, (OptilockException) cause));
                            return outcomes;
                        }));
            }
            return chain;
        }), () -> sync.updateAll(updates));
    }

    @Override
    public CompletionStage<GroupResult<T, K>> applyAtomically(List<GroupWrite<T, K>> writes) {
        return either(() -> operations.applyAtomically(writes), () -> sync.applyAtomically(writes));
    }

    @Override
    public VersionedRepository<T, K> sync() {
        return sync;
    }
}
