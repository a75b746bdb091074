package dev.optilock.benchmarks;

/** One way of doing a versioned update (Optilock, hand-written JDBC, jOOQ, Hibernate, ...). */
interface Impl extends AutoCloseable {
    /** The name in the results: {@code optilock}, {@code raw-jdbc}, {@code jooq}, {@code hibernate}, ... */
    String name();

    /**
     * The worker of thread {@code thread}: it updates rows {@code thread * rowsPerThread} to
     * {@code (thread + 1) * rowsPerThread - 1}, starting from their versions as stored when its run starts
     * ({@link Worker#prepare}): the other implementations write the same rows between its runs.
     */
    Worker worker(int thread, int rowsPerThread) throws Exception;

    /** Writes done by this implementation's library as it counts them (Optilock's store counters), or -1. */
    default long appliedByLibrary() {
        return -1;
    }

    @Override
    default void close() {
    }
}
