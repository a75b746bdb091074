package dev.optilock.internal;

import dev.optilock.OperationEvent;
import dev.optilock.OperationEvent.Operation;
import dev.optilock.OperationEvent.Outcome;
import dev.optilock.StoreCounters;
import dev.optilock.StoreListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/** Counts outcomes and tells listeners; shared by every repository of a store. */
final class StoreMetrics {
    private static final System.Logger LOG = System.getLogger(StoreMetrics.class.getName());

    private final LongAdder applied = new LongAdder();
    private final LongAdder conflicts = new LongAdder();
    private final LongAdder notFound = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder unknownOutcomes = new LongAdder();
    private final LongAdder settledOutcomes = new LongAdder();
    private final List<StoreListener> listeners = new CopyOnWriteArrayList<>();
    /** Whether {@link #listeners} holds any: read on every operation, beside the counters, without the list's own lines. */
    private volatile boolean listened;

    void record(String entityName, Operation operation, Outcome outcome, long startNanos) {
        boolean write = operation != Operation.FIND;
        switch (outcome) {
            case APPLIED -> {
                if (write) applied.increment();
            }
            case CONFLICT -> conflicts.increment();
            case NOT_FOUND -> {
                if (write) notFound.increment();
            }
            case RETRY -> retries.increment();
            case UNKNOWN -> unknownOutcomes.increment();
            case SETTLED -> settledOutcomes.increment();
            case FAILED -> { }
            default -> throw new AssertionError(outcome);
        }
        if (!listened) return;
        OperationEvent event = new OperationEvent(entityName, operation, outcome, Duration.ofNanos(System.nanoTime() - startNanos));
        for (StoreListener listener : listeners) {
            try {
                listener.onOperation(event);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "store listener " + listener + " failed; ignored", e);
            }
        }
    }

    StoreCounters snapshot() {
        return new StoreCounters(applied.sum(), conflicts.sum(), notFound.sum(), retries.sum(), unknownOutcomes.sum(),
                settledOutcomes.sum());
    }

    AutoCloseable add(StoreListener listener) {
        if (listener == null) throw new IllegalArgumentException("listener must not be null");
        synchronized (listeners) {
            listeners.add(listener);
            listened = true;
        }
        return () -> {
            synchronized (listeners) {
                listeners.remove(listener);
                listened = !listeners.isEmpty();
            }
        };
    }
}
