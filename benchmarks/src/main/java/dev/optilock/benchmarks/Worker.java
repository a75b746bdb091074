package dev.optilock.benchmarks;

/** One thread's side of an implementation: it owns its rows and knows their current versions. */
interface Worker {
    /** One versioned update of one of this worker's rows; throws if it was not applied. */
    void update() throws Exception;
}
