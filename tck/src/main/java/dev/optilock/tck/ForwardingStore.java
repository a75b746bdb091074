package dev.optilock.tck;

import dev.optilock.Capabilities;
import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.StoreCounters;
import dev.optilock.StoreListener;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedStore;
import java.time.Duration;

/**
 * A {@link VersionedStore} that forwards every call to another; a subclass overrides what it changes (a store that
 * injects faults, declares a capability, or serialises its DDL). {@link ExternalFaults} is one.
 */
public abstract class ForwardingStore implements VersionedStore {
    /** The store every call goes to. */
    protected final VersionedStore store;

    protected ForwardingStore(VersionedStore store) {
        if (store == null) throw new IllegalArgumentException("store must not be null");
        this.store = store;
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
        store.createTable(spec);
    }

    @Override
    public void createTable(Class<? extends Record> recordType) {
        store.createTable(recordType);
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
    public StoreCounters counters() {
        return store.counters();
    }

    @Override
    public AutoCloseable addListener(StoreListener listener) {
        return store.addListener(listener);
    }

    @Override
    public Duration ping() {
        return store.ping();
    }

    @Override
    public void close() {
        store.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + store + "]";
    }
}
