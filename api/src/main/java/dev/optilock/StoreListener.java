package dev.optilock;

/**
 * Receives every finished operation of a store, to feed a metrics system. Called on the thread that ran
 * the operation; it must be fast and must not throw (what it throws is logged and ignored).
 */
@FunctionalInterface
public interface StoreListener {
    void onOperation(OperationEvent event);
}
