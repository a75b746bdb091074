package dev.optilock.cql;

import dev.optilock.Capabilities;
import dev.optilock.Capability;
import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.StoreCounters;
import dev.optilock.StoreListener;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedStore;
import dev.optilock.testservers.CassandraCluster;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.locks.Lock;

/**
 * A store on the cluster (or the single server) that loses responses for real: from its first repository on (so that
 * creating tables is not disturbed: a node paused during a schema change misses it for a while), one node is paused ({@code SIGSTOP}) for
 * 1.5 s, resumed for 1 s, and so on, while the store's requests time out after 0.5 s. Writes that node coordinates or
 * holds a Paxos round for stall past their timeout, and complete, or not, after the resume. It declares
 * {@link Capability#FAULT_INJECTION} because it injects faults; closing it stops them and closes the store.
 */
final class NodePausingStore implements VersionedStore {
    private final VersionedStore store;
    private final Thread faults;
    private final Lock exclusive;

    /** Pauses node {@code node} of {@code cluster}. */
    NodePausingStore(VersionedStore store, CassandraCluster cluster, int node, Lock exclusive) {
        this(store, () -> cluster.pause(node), () -> cluster.resume(node), "node-" + node, exclusive);
    }

    /** Pauses a server with {@code pause}, resumes it with {@code resume}. */
    NodePausingStore(VersionedStore store, Runnable pause, Runnable resume, String name, Lock exclusive) {
        this.store = store;
        this.exclusive = exclusive;
        this.faults = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    pause.run();
                    try {
                        Thread.sleep(1_500);
                    } finally {
                        resume.run();
                    }
                    Thread.sleep(1_000);
                }
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }, "pause-" + name + "-for-lost-responses");
        faults.setDaemon(true);
    }

    /** Starts the pauses once, on the caller's thread's lock (released by {@link #close}). */
    private synchronized void startFaults() {
        if (faults.getState() != Thread.State.NEW) return;
        exclusive.lock();
        faults.start();
    }

    @Override
    public <T extends Record, K> VersionedRepository<T, K> repository(Class<T> recordType, Class<K> keyType) {
        startFaults();
        return store.repository(recordType, keyType);
    }

    @Override
    public VersionedRepository<Row, PrimaryKey> rows(EntitySpec spec) {
        startFaults();
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
        Set<Capability> features = EnumSet.of(Capability.FAULT_INJECTION);
        features.addAll(store.capabilities().features());
        return new Capabilities(store.capabilities().backendName(), features);
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
    public synchronized void close() {
        boolean started = faults.getState() != Thread.State.NEW;
        faults.interrupt();
        try {
            if (started) faults.join(5_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } finally {
            if (started) exclusive.unlock();
            store.close();
        }
    }
}
