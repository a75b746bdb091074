package dev.optilock;

/**
 * One conditional write of an atomic group ({@link VersionedRepository#applyAtomically}): every write of a group
 * applies, or none does. Each names one row; the rows of a group are distinct and share one partition key.
 *
 * <p>The conditions are those of the single operations of the same names: {@link #insert} needs the key to be free,
 * {@link #updateWithVersion} and {@link #deleteWithVersion} need the visible row at the expected version,
 * {@link #update} and {@link #delete} need the visible row and the condition to hold.
 *
 * @param <T> the entity type
 * @param <K> the key type
 */
public sealed interface GroupWrite<T, K> {

    /** Inserts {@code entity} if no row has its key; the row starts at the version a plain insert gives it. */
    static <T, K> GroupWrite<T, K> insert(T entity) {
        return new Insert<>(entity);
    }

    /** Applies {@code changes} to the row at {@code key} if it is at {@code expectedVersion}. */
    static <T, K> GroupWrite<T, K> updateWithVersion(K key, Object expectedVersion, Changes changes) {
        return new UpdateWithVersion<>(key, expectedVersion, changes);
    }

    /** Applies {@code changes} to the row at {@code key} if {@code condition} holds for it. */
    static <T, K> GroupWrite<T, K> update(K key, Changes changes, Condition condition) {
        return new Update<>(key, changes, condition);
    }

    /** Deletes the row at {@code key} if it is at {@code expectedVersion}. */
    static <T, K> GroupWrite<T, K> deleteWithVersion(K key, Object expectedVersion) {
        return new DeleteWithVersion<>(key, expectedVersion);
    }

    /** Deletes the row at {@code key} if {@code condition} holds for it. */
    static <T, K> GroupWrite<T, K> delete(K key, Condition condition) {
        return new Delete<>(key, condition);
    }

    /** See {@link GroupWrite#insert}. */
    record Insert<T, K>(T entity) implements GroupWrite<T, K> {
    }

    /** See {@link GroupWrite#updateWithVersion}. */
    record UpdateWithVersion<T, K>(K key, Object expectedVersion, Changes changes) implements GroupWrite<T, K> {
    }

    /** See {@link GroupWrite#update}. */
    record Update<T, K>(K key, Changes changes, Condition condition) implements GroupWrite<T, K> {
    }

    /** See {@link GroupWrite#deleteWithVersion}. */
    record DeleteWithVersion<T, K>(K key, Object expectedVersion) implements GroupWrite<T, K> {
    }

    /** See {@link GroupWrite#delete}. */
    record Delete<T, K>(K key, Condition condition) implements GroupWrite<T, K> {
    }
}
