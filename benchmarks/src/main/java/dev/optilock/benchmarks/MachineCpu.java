package dev.optilock.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's CPU counters from {@code /proc/stat} (all CPUs, in clock ticks): the time spent working (user, nice,
 * system, irq, softirq: the client, the servers and the kernel for them, since nothing else runs here during a run),
 * and the time its hypervisor took ("steal"). On a virtual machine whose cores are shared with other guests, a round
 * that lost a large share of them ran slower for a reason outside the benchmark: the steal tells such a round apart,
 * and the working time per operation is the cost of an operation to the whole machine, which steal does not change.
 *
 * @param busy ticks spent working so far
 * @param steal ticks stolen so far
 * @param total ticks of every state so far
 */
record MachineCpu(long busy, long steal, long total) {
    private static final Path STAT = Path.of("/proc/stat");
    private static final MachineCpu UNKNOWN = new MachineCpu(0, 0, 0);
    /** Clock ticks per second of {@code /proc/stat} (USER_HZ, 100 on Linux for every architecture in use). */
    private static final double TICKS_PER_SECOND = 100;

    /** The counters now, or zeros where {@code /proc/stat} cannot be read (not Linux). */
    static MachineCpu now() {
        try {
            String line = Files.readAllLines(STAT).get(0);  // cpu user nice system idle iowait irq softirq steal ...
            String[] fields = line.trim().split("\\s+");
            long[] ticks = new long[9];
            for (int i = 1; i < fields.length && i < ticks.length; i++) ticks[i] = Long.parseLong(fields[i]);
            long busy = ticks[1] + ticks[2] + ticks[3] + ticks[6] + ticks[7];
            long total = busy + ticks[4] + ticks[5] + ticks[8];
            return new MachineCpu(busy, ticks[8], total);
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /** The share of the CPU time since {@code before} that was stolen, from 0 to 1; NaN when not known. */
    double stealShareSince(MachineCpu before) {
        long elapsed = total - before.total;
        return elapsed <= 0 ? Double.NaN : (double) (steal - before.steal) / elapsed;
    }

    /** The machine's working CPU time since {@code before}, in nanoseconds; NaN when not known. */
    double busyNanosSince(MachineCpu before) {
        return total - before.total <= 0 ? Double.NaN : (busy - before.busy) * 1e9 / TICKS_PER_SECOND;
    }
}
