package dev.optilock.internal;

import dev.optilock.AsyncVersionedRepository;
import dev.optilock.Changes;
import dev.optilock.Condition;
import dev.optilock.ItemOutcome;
import dev.optilock.RetryPolicy;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedUpdate;
import dev.optilock.WriteResult;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs each synchronous operation on the store's async executor, so the returned stages carry exactly
 * the sync results and exceptions. Backends with a native async API can replace this later without a
 * change to the public interface.
 */
final class DefaultAsyncVersionedRepository<T, K> implements AsyncVersionedRepository<T, K> {
    private final VersionedRepository<T, K> sync;
    private final Executor executor;

    DefaultAsyncVersionedRepository(VersionedRepository<T, K> sync, Executor executor) {
        this.sync = sync;
        this.executor = executor;
    }

    private <R> CompletionStage<R> submit(Supplier<R> operation) {
        return CompletableFuture.supplyAsync(operation, executor);
    }

    @Override
    public CompletionStage<Optional<T>> find(K key) {
        return submit(() -> sync.find(key));
    }

    @Override
    public CompletionStage<WriteResult<T>> insertIfAbsent(T entity) {
        return submit(() -> sync.insertIfAbsent(entity));
    }

    @Override
    public CompletionStage<T> insert(T entity) {
        return submit(() -> sync.insert(entity));
    }

    @Override
    public CompletionStage<T> updateWithVersion(K key, Object expectedVersion, Changes changes) {
        return submit(() -> sync.updateWithVersion(key, expectedVersion, changes));
    }

    @Override
    public CompletionStage<WriteResult<T>> update(K key, Changes changes, Condition condition) {
        return submit(() -> sync.update(key, changes, condition));
    }

    @Override
    public CompletionStage<WriteResult<T>> updateIfExists(K key, Changes changes) {
        return submit(() -> sync.updateIfExists(key, changes));
    }

    @Override
    public CompletionStage<Boolean> deleteIfExists(K key) {
        return submit(() -> sync.deleteIfExists(key));
    }

    @Override
    public CompletionStage<Void> deleteWithVersion(K key, Object expectedVersion) {
        return submit(() -> {
            sync.deleteWithVersion(key, expectedVersion);
            return null;
        });
    }

    @Override
    public CompletionStage<T> softDelete(K key, Object expectedVersion) {
        return submit(() -> sync.softDelete(key, expectedVersion));
    }

    @Override
    public CompletionStage<T> modify(K key, Function<? super T, Changes> change, RetryPolicy policy) {
        return submit(() -> sync.modify(key, change, policy));
    }

    @Override
    public CompletionStage<List<ItemOutcome<T, K>>> updateAll(List<VersionedUpdate<K>> updates) {
        return submit(() -> sync.updateAll(updates));
    }

    @Override
    public VersionedRepository<T, K> sync() {
        return sync;
    }
}
