package dev.optilock.tck;

import dev.optilock.Capabilities;
import dev.optilock.Capability;
import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.StoreCounters;
import dev.optilock.StoreListener;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedStore;
import java.util.EnumSet;
import java.util.Set;

/**
 * A store of the backend under test whose faults come from outside it: a proxy that loses responses, a server that is
 * paused. It is the store itself, unchanged, declaring {@link Capability#FAULT_INJECTION} so that rules 5.2 and 5.3
 * run on it; closing it closes the store, then stops the faults. Unlike {@link LostResponses}, which decides outcomes
 * above the backend, external faults exercise the backend's own mapping of its driver's errors:
 *
 * <pre>{@code
 * public VersionedStore openStoreWithLostResponses() {
 *     LossyPostgresProxy proxy = LossyPostgresProxy.inFrontOf(jdbcUrl, 0.1, tck().seed()); // optilock-test-servers
 *     return ExternalFaults.store(openStoreOn(proxy.proxied(jdbcUrl)), proxy);
 * }
 * }</pre>
 */
public final class ExternalFaults implements VersionedStore {
    private final VersionedStore store;
    private final AutoCloseable faults;

    private ExternalFaults(VersionedStore store, AutoCloseable faults) {
        this.store = store;
        this.faults = faults;
    }

    /** {@code store}, declaring {@link Capability#FAULT_INJECTION}; {@code faults} is closed after the store. */
    public static VersionedStore store(VersionedStore store, AutoCloseable faults) {
        if (store == null) throw new IllegalArgumentException("store must not be null");
        if (faults == null) throw new IllegalArgumentException("faults must not be null");
        return new ExternalFaults(store, faults);
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
    public void close() {
        try {
            store.close();
        } finally {
            try {
                faults.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop the faults " + faults, e);
            }
        }
    }

    @Override
    public String toString() {
        return "ExternalFaults[" + store + ", faults=" + faults + "]";
    }
}
