package dev.optilock.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's CPU time taken by its hypervisor ("steal" in {@code /proc/stat}): on a virtual machine whose cores
 * are shared with other guests, a round that lost a large share of them ran slower for a reason outside the
 * benchmark. Logged per round, so that an outlying round can be told from a slower implementation.
 *
 * @param steal jiffies stolen from every CPU so far
 * @param total jiffies of every CPU so far (all states)
 */
record CpuSteal(long steal, long total) {
    private static final Path STAT = Path.of("/proc/stat");
    private static final CpuSteal UNKNOWN = new CpuSteal(0, 0);

    /** The counters now, or zeros where {@code /proc/stat} cannot be read (not Linux). */
    static CpuSteal now() {
        try {
            String line = Files.readAllLines(STAT).get(0);  // cpu user nice system idle iowait irq softirq steal ...
            String[] fields = line.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) total += Long.parseLong(fields[i]);
            return new CpuSteal(fields.length > 8 ? Long.parseLong(fields[8]) : 0, total);
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /** The share of the CPU time since {@code before} that was stolen, from 0 to 1; NaN when not known. */
    double shareSince(CpuSteal before) {
        long elapsed = total - before.total;
        return elapsed <= 0 ? Double.NaN : (double) (steal - before.steal) / elapsed;
    }
}
