package dev.optilock.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's CPU counters from {@code /proc/stat} (all CPUs, in clock ticks): the time spent working (user, nice,
 * system, irq, softirq: the client, the servers and the kernel for them, since nothing else runs here during a run),
 * and the time its hypervisor took ("steal"). On a virtual machine whose cores are shared with other guests, a round
 * that lost a large share of them ran slower for a reason outside the benchmark: the steal tells such a round apart,
 * and the working time per operation is the cost of an operation to the whole machine, which steal does not change.
 *
 * <p>It also reads this JVM's own CPU time ({@code /proc/self/stat}: user and system, every thread: the workers, the
 * driver's I/O threads, the JIT compilers and the garbage collector) and that of every other process (the servers:
 * nothing else runs during a run), so that the machine's working time splits into the client's, the servers' and the
 * kernel's work charged to no process (interrupts, the loopback network's soft interrupts).
 *
 * @param busy ticks spent working so far
 * @param steal ticks stolen so far
 * @param total ticks of every state so far
 * @param process ticks this JVM ran so far, or -1 when not known
 * @param others ticks every other live process ran so far, or -1 when not known
 */
record MachineCpu(long busy, long steal, long total, long process, long others) {
    private static final Path STAT = Path.of("/proc/stat");
    private static final Path SELF = Path.of("/proc/self/stat");
    private static final MachineCpu UNKNOWN = new MachineCpu(0, 0, 0, -1, -1);
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
            long self = ProcessHandle.current().pid();
            return new MachineCpu(busy, ticks[8], total, processTicks(SELF), otherProcessTicks(self));
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /** The CPU ticks of every process but {@code self}; -1 when {@code /proc} cannot be listed. */
    private static long otherProcessTicks(long self) {
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            long sum = 0;
            for (Path process : processes) {
                if (process.getFileName().toString().equals(Long.toString(self))) continue;
                long ticks = processTicks(process.resolve("stat"));
                if (ticks > 0) sum += ticks;  // a process that ended meanwhile counts nothing
            }
            return sum;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Fields 14 and 15 of a {@code /proc/<pid>/stat} (utime, stime), after the command name in parentheses; -1 if unreadable. */
    private static long processTicks(Path file) {
        try {
            String stat = Files.readString(file);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);  // fields[0] is field 3 (state)
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The share of the CPU time since {@code before} that was stolen, from 0 to 1; NaN when not known. */
    double stealShareSince(MachineCpu before) {
        long elapsed = total - before.total;
        return elapsed <= 0 ? Double.NaN : (double) (steal - before.steal) / elapsed;
    }

    /** This JVM's CPU time since {@code before} (every thread), in nanoseconds; NaN when not known. */
    double processNanosSince(MachineCpu before) {
        return process < 0 || before.process < 0 ? Double.NaN : (process - before.process) * 1e9 / TICKS_PER_SECOND;
    }

    /**
     * The CPU time of every other process since {@code before}, in nanoseconds; NaN when not known. A process that
     * started or ended in between is counted wrongly, so this is for runs whose servers keep their processes.
     */
    double othersNanosSince(MachineCpu before) {
        return others < 0 || before.others < 0 ? Double.NaN : (others - before.others) * 1e9 / TICKS_PER_SECOND;
    }

    /** The machine's working CPU time since {@code before}, in nanoseconds; NaN when not known. */
    double busyNanosSince(MachineCpu before) {
        return total - before.total <= 0 ? Double.NaN : (busy - before.busy) * 1e9 / TICKS_PER_SECOND;
    }
}
