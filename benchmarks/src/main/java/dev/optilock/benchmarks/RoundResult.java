package dev.optilock.benchmarks;

import org.HdrHistogram.Histogram;

/**
 * One implementation's measured run in one round.
 *
 * @param cpuNanos CPU time of the worker threads (the calling side only: not the driver's I/O threads, not the server)
 * @param stealShare the share of the machine's CPU time its hypervisor took during the run ({@link MachineCpu}), or NaN
 * @param machineCpuNanos the machine's working CPU time during the run (client, servers, kernel), or NaN
 * @param processCpuNanos the CPU time of this whole JVM during the run (workers, I/O threads, JIT, GC), or NaN
 * @param serverCpuNanos the CPU time of every other process during the run (the servers), or NaN
 * @param switches the worker threads' context switches during the run
 * @param compileShare the share of the run's time this JVM's JIT spent compiling ({@link JitCompilation}), or NaN
 */
record RoundResult(long ops, long nanos, long bytes, long cpuNanos, long errors, String firstError, Histogram latencyNanos,
        double stealShare, double machineCpuNanos, double processCpuNanos,
        double serverCpuNanos, ContextSwitches switches, double compileShare) {
    double opsPerSec() {
        return nanos == 0 ? 0 : ops * 1e9 / nanos;
    }
}
