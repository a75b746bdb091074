package dev.optilock.tck;

import dev.optilock.Capabilities;
import dev.optilock.Capability;
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
public class ExternalFaults extends ForwardingStore {
    private final AutoCloseable faults;

    /** For subclasses that start or stop their faults themselves; {@code faults} is closed after the store. */
    protected ExternalFaults(VersionedStore store, AutoCloseable faults) {
        super(store);
        if (faults == null) throw new IllegalArgumentException("faults must not be null");
        this.faults = faults;
    }

    /** {@code store}, declaring {@link Capability#FAULT_INJECTION}; {@code faults} is closed after the store. */
    public static VersionedStore store(VersionedStore store, AutoCloseable faults) {
        return new ExternalFaults(store, faults);
    }

    /** The store's capabilities and {@link Capability#FAULT_INJECTION}. */
    @Override
    public Capabilities capabilities() {
        Set<Capability> features = EnumSet.of(Capability.FAULT_INJECTION);
        features.addAll(store.capabilities().features());
        return new Capabilities(store.capabilities().backendName(), features);
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
