package dev.optilock.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** What was measured for one implementation in one scenario, summed over its rounds. */
final class ImplStats {
    final String impl;
    final Histogram latencyNanos = Allocation.newHistogram();
    final List<Double> roundOpsPerSec = new ArrayList<>();
    private double stealShares;
    private double machineCpuNanos;
    private long machineCpuOps;
    private double processCpuNanos;
    private long processCpuOps;
    private double serverCpuNanos;
    private long serverCpuOps;
    private ContextSwitches switches = new ContextSwitches(0, 0);
    private int stealRounds;
    long ops;
    long nanos;
    long bytes;
    long cpuNanos;
    long errors;
    String firstError;
    /** Statements sent per operation, from the counting pass; NaN when not measured. */
    double statementsPerOp = Double.NaN;
    /** Extra figures for the Markdown table and the JSON result (e.g. conflicts per applied write). */
    final Map<String, Object> extra = new LinkedHashMap<>();

    ImplStats(String impl) {
        this.impl = impl;
    }

    void add(RoundResult round) {
        ops += round.ops();
        nanos += round.nanos();
        bytes += round.bytes();
        cpuNanos += round.cpuNanos();
        errors += round.errors();
        if (firstError == null) firstError = round.firstError();
        latencyNanos.add(round.latencyNanos());
        roundOpsPerSec.add(round.opsPerSec());
        if (!Double.isNaN(round.stealShare())) {
            stealShares += round.stealShare();
            stealRounds++;
        }
        if (!Double.isNaN(round.machineCpuNanos())) {
            machineCpuNanos += round.machineCpuNanos();
            machineCpuOps += round.ops();
        }
        if (!Double.isNaN(round.processCpuNanos())) {
            processCpuNanos += round.processCpuNanos();
            processCpuOps += round.ops();
        }
        if (!Double.isNaN(round.serverCpuNanos())) {
            serverCpuNanos += round.serverCpuNanos();
            serverCpuOps += round.ops();
        }
        switches = switches.plus(round.switches());
    }

    /**
     * The machine's working CPU time per operation (client, servers and kernel; not the time stolen), in microseconds;
     * NaN when not known. At 8 threads, where the machine's cores are the limit, it is what the throughput follows.
     */
    double machineCpuUsPerOp() {
        return machineCpuOps == 0 ? Double.NaN : machineCpuNanos / 1e3 / machineCpuOps;
    }

    /**
     * This JVM's CPU time per operation (every thread: workers, driver I/O, JIT, GC), in microseconds; NaN when not
     * known. The machine's time less this one is the servers' and the kernel's.
     */
    double processCpuUsPerOp() {
        return processCpuOps == 0 ? Double.NaN : processCpuNanos / 1e3 / processCpuOps;
    }

    /** The CPU time of the other processes (the servers) per operation, in microseconds; NaN when not known. */
    double serverCpuUsPerOp() {
        return serverCpuOps == 0 ? Double.NaN : serverCpuNanos / 1e3 / serverCpuOps;
    }

    /** The times per operation a worker thread blocked (a socket read, a lock, a park). */
    double voluntarySwitchesPerOp() {
        return ops == 0 ? Double.NaN : (double) switches.voluntary() / ops;
    }

    /** The times per operation the scheduler preempted a worker thread. */
    double involuntarySwitchesPerOp() {
        return ops == 0 ? Double.NaN : (double) switches.involuntary() / ops;
    }

    /** The mean share of the CPU the hypervisor took during this implementation's rounds; NaN when not known. */
    double meanStealShare() {
        return stealRounds == 0 ? Double.NaN : stealShares / stealRounds;
    }

    double opsPerSec() {
        return nanos == 0 ? 0 : ops * 1e9 / nanos;
    }

    /** Half-width of the 95 % confidence interval of the per-round throughput (Student's t), or NaN. */
    double opsPerSecCi95() {
        return ci95(roundOpsPerSec);
    }

    /** Half-width of the 95 % confidence interval of the mean of {@code values} (Student's t); NaN for fewer than 2. */
    static double ci95(List<Double> values) {
        int n = values.size();
        if (n < 2) return Double.NaN;
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double sumSquares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        return studentT95(n - 1) * Math.sqrt(sumSquares / (n - 1)) / Math.sqrt(n);
    }

    double p50Ms() {
        return latencyNanos.getTotalCount() == 0 ? Double.NaN : latencyNanos.getValueAtPercentile(50) / 1e6;
    }

    double p99Ms() {
        return latencyNanos.getTotalCount() == 0 ? Double.NaN : latencyNanos.getValueAtPercentile(99) / 1e6;
    }

    double bytesPerOp() {
        return ops == 0 ? Double.NaN : (double) bytes / ops;
    }

    /** Client CPU time of the calling threads per operation, in microseconds. */
    double clientCpuUsPerOp() {
        return ops == 0 ? Double.NaN : cpuNanos / 1e3 / ops;
    }

    /** The two-sided 95 % quantile of Student's t with {@code degreesOfFreedom} (1 or more). */
    static double studentT95(int degreesOfFreedom) {
        double[] table = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145,
            2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
        return degreesOfFreedom <= table.length ? table[degreesOfFreedom - 1] : 1.96;
    }
}
