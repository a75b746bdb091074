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

    /**
     * This run and {@code other} as one run of both their times: counts and times added, latencies merged, steal and JIT
     * shares weighed by each run's time; a CPU measure unknown (NaN) in either is unknown in the sum.
     */
    RoundResult plus(RoundResult other) {
        Histogram latencies = latencyNanos.copy();
        latencies.add(other.latencyNanos);
        long total = nanos + other.nanos;
        return new RoundResult(ops + other.ops, total, bytes + other.bytes, cpuNanos + other.cpuNanos, errors + other.errors,
                firstError != null ? firstError : other.firstError, latencies, weighed(stealShare, nanos, other.stealShare, other.nanos),
                machineCpuNanos + other.machineCpuNanos, processCpuNanos + other.processCpuNanos,
                serverCpuNanos + other.serverCpuNanos, switches.plus(other.switches),
                weighed(compileShare, nanos, other.compileShare, other.nanos));
    }

    /** The mean of two shares weighed by their runs' times; the known one when the other is NaN. */
    private static double weighed(double share, long nanos, double otherShare, long otherNanos) {
        if (Double.isNaN(share)) return otherShare;
        if (Double.isNaN(otherShare)) return share;
        long total = nanos + otherNanos;
        return total == 0 ? (share + otherShare) / 2 : (share * nanos + otherShare * otherNanos) / total;
    }
}
