package dev.optilock.cql;

import dev.optilock.Capabilities;
import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.StoreCounters;
import dev.optilock.StoreListener;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedStore;
import java.util.concurrent.locks.Lock;

/**
 * A store that creates tables only while no node is paused (it takes the lock the pausing thread holds while a node
 * is stopped). A node that is paused while a table is created is left out of the schema agreement the DDL waits for,
 * and a statement prepared on it right after it resumes can meet "unknown table": a fault of the test's own making,
 * not one of the rules'. Everything else is the wrapped store's.
 */
final class DdlBetweenPausesStore implements VersionedStore {
    private final VersionedStore store;
    private final Lock pausing;

    DdlBetweenPausesStore(VersionedStore store, Lock pausing) {
        this.store = store;
        this.pausing = pausing;
    }

    @Override
    public <T extends Record, K> VersionedRepository<T, K> repository(Class<T> recordType, Class<K> keyType) {
        return store.repository(recordType, keyType);
    }

    @Override
    public VersionedRepository<Row, PrimaryKey> rows(EntitySpec spec) {
        return store.rows(spec);
    }

    @Override
    public void createTable(EntitySpec spec) {
        pausing.lock();
        try {
            store.createTable(spec);
        } finally {
            pausing.unlock();
        }
    }

    @Override
    public void createTable(Class<? extends Record> recordType) {
        pausing.lock();
        try {
            store.createTable(recordType);
        } finally {
            pausing.unlock();
        }
    }

    @Override
    public EntitySpec specOf(Class<? extends Record> recordType) {
        return store.specOf(recordType);
    }

    @Override
    public Capabilities capabilities() {
        return store.capabilities();
    }

    @Override
    public java.time.Duration ping() {
        return store.ping();
    }

    @Override
    public StoreCounters counters() {
        return store.counters();
    }

    @Override
    public AutoCloseable addListener(StoreListener listener) {
        return store.addListener(listener);
    }

    @Override
    public void close() {
        store.close();
    }
}
