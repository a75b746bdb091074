package dev.optilock.cql;

import dev.optilock.EntitySpec;
import dev.optilock.VersionedStore;
import dev.optilock.tck.ForwardingStore;
import java.util.concurrent.locks.Lock;

/**
 * A store that creates tables only while no node is paused (it takes the lock the pausing thread holds while a node
 * is stopped). A node that is paused while a table is created is left out of the schema agreement the DDL waits for,
 * and a statement prepared on it right after it resumes can meet "unknown table": a fault of the test's own making,
 * not one of the rules'. Everything else is the wrapped store's.
 */
final class DdlBetweenPausesStore extends ForwardingStore {
    private final Lock pausing;

    DdlBetweenPausesStore(VersionedStore store, Lock pausing) {
        super(store);
        this.pausing = pausing;
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
}
