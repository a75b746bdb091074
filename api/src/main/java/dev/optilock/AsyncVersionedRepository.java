package dev.optilock;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The asynchronous twin of {@link VersionedRepository}: the same operations with the same guarantees,
 * each returning a stage that completes with the result or with the exception the sync method would
 * throw. Bad input fails the returned stage with {@link IllegalArgumentException}.
 */
public interface AsyncVersionedRepository<T, K> {
    CompletionStage<Optional<T>> find(K key);

    CompletionStage<WriteResult<T>> insertIfAbsent(T entity);

    CompletionStage<T> insert(T entity);

    CompletionStage<T> updateWithVersion(K key, Object expectedVersion, Changes changes);

    /** {@link VersionedRepository#updateWithVersion(Object, Changes)}, without blocking. */
    CompletionStage<T> updateWithVersion(T entity, Changes changes);

    CompletionStage<WriteResult<T>> update(K key, Changes changes, Condition condition);

    CompletionStage<WriteResult<T>> updateIfExists(K key, Changes changes);

    CompletionStage<Boolean> deleteIfExists(K key);

    CompletionStage<Void> deleteWithVersion(K key, Object expectedVersion);

    CompletionStage<T> softDelete(K key, Object expectedVersion);

    CompletionStage<T> modify(K key, Function<? super T, Changes> change, RetryPolicy policy);

    CompletionStage<List<ItemOutcome<T, K>>> updateAll(List<VersionedUpdate<K>> updates);

    /** The async twin of {@link VersionedRepository#applyAtomically}; bad input fails the stage before anything is sent. */
    CompletionStage<GroupResult<T, K>> applyAtomically(List<GroupWrite<T, K>> writes);

    /** The synchronous view. */
    VersionedRepository<T, K> sync();
}
