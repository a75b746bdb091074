package dev.optilock.benchmarks;

/** One thread's side of an implementation: it owns its rows and knows their current versions. */
interface Worker {
    /** One versioned update of one of this worker's rows; throws if it was not applied. */
    void update() throws Exception;

    /**
     * Brings what this worker knows of its rows up to date before a timed run, outside its clock: every implementation
     * writes the same rows of one table ({@link SqlDatabase#ITEM_TABLE}), so the versions a worker last saw may have
     * moved under another implementation's run. Nothing by default (a worker that reads its rows on every update).
     */
    default void prepare() throws Exception {
    }
}
