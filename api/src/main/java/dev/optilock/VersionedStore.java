package dev.optilock;

/**
 * An open connection to one backend: hands out repositories, creates tables, reports capabilities and
 * counters. Thread-safe. Closing it releases what the store opened (a pool, a session); resources the
 * caller passed in (a {@code DataSource}, a {@code CqlSession}) stay open.
 */
public interface VersionedStore extends AutoCloseable {

    /**
     * A repository of a mapped record type.
     *
     * @param recordType a record annotated as {@link dev.optilock.mapping} describes
     * @param keyType the Java type of its single key column, or {@link PrimaryKey}
     * @throws IllegalArgumentException if the record cannot be mapped or the key type does not match
     */
    <T extends Record, K> VersionedRepository<T, K> repository(Class<T> recordType, Class<K> keyType);

    /** A repository of rows described by {@code spec}, keyed by {@link PrimaryKey}. */
    VersionedRepository<Row, PrimaryKey> rows(EntitySpec spec);

    /** Creates the table for {@code spec} if it does not exist (for demos and tests; use migrations in production). */
    void createTable(EntitySpec spec);

    /** Creates the table for a mapped record type if it does not exist. */
    void createTable(Class<? extends Record> recordType);

    /** The entity description Optilock derives from a mapped record type. */
    EntitySpec specOf(Class<? extends Record> recordType);

    Capabilities capabilities();

    /** What the store's writes have done so far. */
    StoreCounters counters();

    /** Registers a listener for every finished operation; returns a handle that unregisters it. */
    AutoCloseable addListener(StoreListener listener);

    /**
     * Sends the backend's cheapest round trip to its database and returns how long it took: for health checks. SQL
     * validates a pooled connection, CQL reads {@code system.local}, the in-memory backend has nothing to reach.
     *
     * @throws BackendUnavailableException if the database did not answer
     * @throws UnsupportedOperationException if the backend does not implement {@link dev.optilock.spi.Backend#ping()}
     */
    java.time.Duration ping();

    /** Closes what the store opened; idempotent. */
    @Override
    void close();
}
