package dev.optilock;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads and writes one entity type with optimistic concurrency. Every write is one atomic conditional
 * statement in the backend; the new version is chosen by Optilock (see {@link VersionKind}).
 *
 * <p>Guarantees, identical on every backend that passes the TCK:
 * <ul>
 *   <li>a versioned write is applied only if the row is at the expected version, and then returns the new
 *       row; otherwise it throws {@link OptimisticLockException} if the row exists and
 *       {@link EntityNotFoundException} if it does not: conflict and absence are never confused;</li>
 *   <li>a write whose outcome the backend cannot report throws {@link OutcomeUnknownException}; it is never
 *       reported as success or conflict unless a definitive read proves which it was;</li>
 *   <li>bad input (null key, unknown column, wrong value type, empty changes, changes to the key or the
 *       version) throws {@link IllegalArgumentException} naming the argument, and nothing is written;</li>
 *   <li>rows whose soft-delete column is set are invisible to reads and writes, unless the repository was
 *       obtained with {@link #includingDeleted()}.</li>
 * </ul>
 *
 * <p>Keys: {@code K} is the key column's Java type for a single-column key, or {@link PrimaryKey} (always
 * accepted) for composite keys. Versions are {@code Long}, {@code UUID} or {@code Instant} by
 * {@link VersionKind}. Instances are thread-safe.
 *
 * @param <T> the entity type: a mapped record, or {@link Row}
 * @param <K> the key type
 */
public interface VersionedRepository<T, K> {

    /** The entity description this repository works on. */
    EntitySpec spec();

    /** The visible row for {@code key}, if any. */
    Optional<T> find(K key);

    /**
     * Inserts {@code entity} if no row has its key ({@code IF NOT EXISTS}). The version it carries is
     * ignored: the row starts at the initial version of its kind.
     *
     * @return applied with the inserted entity, or not applied with the existing row (soft-deleted rows
     *         included: their key is taken)
     */
    WriteResult<T> insertIfAbsent(T entity);

    /**
     * As {@link #insertIfAbsent}, but a taken key is an exception.
     *
     * @return the inserted entity with its initial version
     * @throws EntityExistsException if a row has the key
     */
    T insert(T entity);

    /**
     * Applies {@code changes} if the row is at {@code expectedVersion}.
     *
     * @return the updated entity with its new version
     * @throws OptimisticLockException if the row is at another version
     * @throws EntityNotFoundException if there is no visible row
     * @throws OutcomeUnknownException if the backend could not report the outcome
     */
    T updateWithVersion(K key, Object expectedVersion, Changes changes);

    /**
     * Applies {@code changes} to the row of {@code entity} if it is still at the entity's version: the entity as read
     * from this repository (or returned by one of its writes). Plain values are written in one round trip on every
     * backend, a Cassandra update of some columns included (with {@link #updateWithVersion(Object, Object, Changes)}
     * Cassandra must read the other columns), and the returned entity is {@code entity} with the changes applied and
     * its new version: the values of {@code entity} are taken as the row's at that version, which they are for an
     * entity as read (versions never repeat). Increments are sent as by the key-and-version form, relative to the
     * stored values.
     *
     * @return the updated entity with its new version
     * @throws OptimisticLockException if the row is at another version
     * @throws EntityNotFoundException if there is no visible row
     * @throws OutcomeUnknownException if the backend could not report the outcome
     */
    T updateWithVersion(T entity, Changes changes);

    /**
     * Applies {@code changes} if {@code condition} holds for the current row; the version advances.
     *
     * @return applied with the updated entity, or not applied with the current row (empty if there is none)
     */
    WriteResult<T> update(K key, Changes changes, Condition condition);

    /** Applies {@code changes} if a visible row exists ({@code IF EXISTS}); the version advances. */
    WriteResult<T> updateIfExists(K key, Changes changes);

    /**
     * Deletes the row if it is visible.
     *
     * @return true if this call deleted it, false if there was no visible row
     */
    boolean deleteIfExists(K key);

    /**
     * Deletes the row if it is at {@code expectedVersion}.
     *
     * @throws OptimisticLockException if the row is at another version
     * @throws EntityNotFoundException if there is no visible row
     */
    void deleteWithVersion(K key, Object expectedVersion);

    /**
     * Marks the row deleted by setting its soft-delete column to the store's clock, if the row is at
     * {@code expectedVersion}; the version advances and the row becomes invisible.
     *
     * @return the soft-deleted entity
     * @throws IllegalStateException if the entity has no soft-delete column
     */
    T softDelete(K key, Object expectedVersion);

    /**
     * Reads the row, computes changes from it, and writes them with the version it read; on a conflict,
     * reads again and retries as {@code policy} allows.
     *
     * @return the updated entity
     * @throws EntityNotFoundException if there is no visible row
     * @throws OptimisticLockException if the attempts ran out
     */
    T modify(K key, Function<? super T, Changes> change, RetryPolicy policy);

    /**
     * Applies each versioned update on its own and reports every outcome, in order ("all settled"). The
     * whole batch is validated first: bad input in any item writes nothing.
     */
    List<ItemOutcome<T, K>> updateAll(List<VersionedUpdate<K>> updates);

    /**
     * Applies every write of the group, or none: either every condition holds and every write applies (each row's
     * new state returned), or nothing is written and the result says, per write, whether its condition failed and
     * what the row's current state is. The rows must be distinct and share one partition key (on Cassandra: one
     * conditional batch; on SQL: one transaction, or the caller's; in memory: under its lock).
     *
     * <p>A group reads its rows first (one read of all of them) and then writes them at exactly the states it read, so
     * a row that changes in between makes it read and decide again; a refused group is decided on one consistent read
     * of its rows. An outcome the backend cannot report is settled as for a single write (with write identities), or
     * reported as {@link OutcomeUnknownException}, never as applied or refused.
     *
     * @param writes 1 to {@value dev.optilock.GroupResult#MAX_WRITES} writes
     * @throws IllegalArgumentException for bad input (nothing is sent): no write, too many, a key twice, or rows of
     *         more than one partition (the message names the keys)
     * @throws ContentionException if the rows kept changing between the read and the write
     */
    GroupResult<T, K> applyAtomically(List<GroupWrite<T, K>> writes);

    /** The version of an entity of this repository. */
    Object versionOf(T entity);

    /** A view of this repository that also sees and writes soft-deleted rows. */
    VersionedRepository<T, K> includingDeleted();

    /** The same operations, returning {@code CompletionStage}s. */
    AsyncVersionedRepository<T, K> async();
}
