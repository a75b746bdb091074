package dev.optilock.spi;

import dev.optilock.Capabilities;
import dev.optilock.Condition;
import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import java.util.List;
import java.util.Optional;

/**
 * The primitives a backend implements. Inputs are already validated and normalised by the API layer:
 * identifiers are valid, values have the Java type of their column, keys match the spec, conditions
 * name existing columns with well-typed values. Each write must be one atomic conditional operation.
 *
 * <p>Failures, by what is known of the write:
 * <ul>
 *   <li>it may have reached the server, and no answer came (a timeout, a connection lost after sending):
 *       {@link dev.optilock.OutcomeUnknownException} with resolution UNKNOWN; the API layer settles it;</li>
 *   <li>it certainly did not apply, and trying again may work: it was never sent (no connection, every node refused
 *       it up front), or the database rolled it back as a whole (deadlock, serialization failure, lock timeout):
 *       {@link dev.optilock.BackendUnavailableException};</li>
 *   <li>the database refused it for a reason a retry cannot fix (a missing table or column, a value its column
 *       cannot hold, a bad statement, an increment that overflows INT or BIGINT: see
 *       {@link dev.optilock.spi.semantics.Assignments}): {@link dev.optilock.BackendException};</li>
 *   <li>a conditional write that kept meeting a row changed under it and gave up without applying:
 *       {@link dev.optilock.ContentionException}.</li>
 * </ul>
 * A condition that does not hold, a taken key or a missing row is never an exception: it is a {@link WriteOutcome}.
 */
public interface Backend extends AutoCloseable {

    Capabilities capabilities();

    /** Creates the table if it does not exist. */
    void createTable(EntitySpec spec);

    /** The whole row, including soft-deleted rows; as up to date as a completed write (linearizable). */
    Optional<Row> find(EntitySpec spec, PrimaryKey key);

    /** Inserts the whole row unless a row has its key: {@code Applied(row)} or {@code NotApplied(existing)}. */
    WriteOutcome insertIfAbsent(EntitySpec spec, Row row);

    /**
     * Applies the assignments if the row exists and {@code condition} holds: {@code Applied(row after)},
     * {@code NotApplied(current)} or {@code NotFound}.
     */
    WriteOutcome update(EntitySpec spec, PrimaryKey key, List<Assignment> assignments, dev.optilock.Condition condition);

    /**
     * As {@link #update}, for plain values whose caller does not need the row after the write (a store with write
     * identities marks a row deleted this way, and a versioned write whose row before it is known, as {@code modify}'s
     * and {@code updateWithVersion(entity, changes)}'s, goes this way): the backend may answer {@code Applied(null)}
     * where knowing the row would cost another round trip, and the caller does not rely on a row it returns. The
     * default is {@link #update}.
     */
    default WriteOutcome set(EntitySpec spec, PrimaryKey key, List<Assignment.SetValue> values, Condition condition) {
        return update(spec, key, List.copyOf(values), condition);
    }

    /**
     * A versioned write of one shape, to send many times (see {@link PreparedSet}): it sets {@code columns} (of
     * {@code spec}, none of them a key column) if the version column holds the expected version and each of
     * {@code nullColumns} is null. The default sends each call as {@link #set} with the equivalent values and condition
     * (and reports an applied one without a row: {@code set}'s row is not the row after the write on every backend);
     * a backend overrides it to prepare, once, what it would otherwise work out per call.
     *
     * @throws IllegalArgumentException if a column is not one of {@code spec}'s
     */
    default PreparedSet prepareSet(EntitySpec spec, List<String> columns, List<String> nullColumns) {
        for (String column : columns) spec.requireColumn(column);
        for (String column : nullColumns) spec.requireColumn(column);
        List<String> set = List.copyOf(columns);
        List<String> nulls = List.copyOf(nullColumns);
        return (key, values, expectedVersion) -> {
            WriteOutcome outcome = set(spec, key, PreparedSet.values(set, values), PreparedSet.condition(spec, expectedVersion, nulls));
            return outcome instanceof WriteOutcome.Applied ? WriteOutcome.Applied.WITHOUT_ROW : outcome;
        };
    }

    /** Deletes the row if it exists and {@code condition} holds. */
    WriteOutcome delete(EntitySpec spec, PrimaryKey key, Condition condition);

    /**
     * The rows of {@code keys} (distinct, all of one partition) as they were at one instant, in the order of
     * {@code keys}; empty where there is no row. Atomic groups are decided on this read. The default reads the keys
     * one by one, which is not one instant: a backend that supports groups overrides it.
     */
    default List<Optional<Row>> findGroup(EntitySpec spec, List<PrimaryKey> keys) {
        throw new UnsupportedOperationException(getClass().getName() + " does not support atomic groups (Backend.findGroup)");
    }

    /**
     * Applies every statement or none, atomically: {@code true} when every condition held and every statement
     * applied, {@code false} when some condition did not hold and nothing was written. The statements name distinct
     * rows of one partition (the API layer checks it). An outcome that cannot be known throws
     * {@link dev.optilock.OutcomeUnknownException}, as a single write does. The default refuses groups.
     */
    default boolean applyGroup(EntitySpec spec, List<GroupStatement> statements) {
        throw new UnsupportedOperationException(getClass().getName() + " does not support atomic groups (Backend.applyGroup)");
    }

    /**
     * Sends the cheapest round trip to the database that proves it answers (a connection validation, a read of a
     * system table), for {@link dev.optilock.VersionedStore#ping()}; returns when it answered. Required by TCK rule
     * 1.26; the default refuses.
     *
     * @throws dev.optilock.BackendUnavailableException if the database did not answer
     */
    default void ping() {
        throw new UnsupportedOperationException(getClass().getName() + " does not implement Backend.ping");
    }

    /** Releases what the backend opened. */
    @Override
    void close();
}
