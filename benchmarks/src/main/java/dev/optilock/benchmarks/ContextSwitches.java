package dev.optilock.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The context switches of the calling thread so far, from Linux's {@code /proc/thread-self/status}: voluntary (the
 * thread blocked: a socket read, a lock, a park) and involuntary (the scheduler took its CPU). A diagnostic beside
 * the CPU time: a write path that blocks more often, or is preempted more, costs more on 2 cores shared by 8 client
 * threads and 8 server processes than its instructions alone. Zeros where the file does not exist.
 *
 * @param voluntary switches because the thread blocked
 * @param involuntary switches because the scheduler preempted it
 */
record ContextSwitches(long voluntary, long involuntary) {
    private static final Path STATUS = Path.of("/proc/thread-self/status");

    static ContextSwitches ofCurrentThread() {
        long voluntary = 0;
        long involuntary = 0;
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("voluntary_ctxt_switches:")) voluntary = number(line);
                else if (line.startsWith("nonvoluntary_ctxt_switches:")) involuntary = number(line);
            }
        } catch (IOException | RuntimeException unavailable) {
            return new ContextSwitches(0, 0);
        }
        return new ContextSwitches(voluntary, involuntary);
    }

    ContextSwitches since(ContextSwitches before) {
        return new ContextSwitches(voluntary - before.voluntary, involuntary - before.involuntary);
    }

    ContextSwitches plus(ContextSwitches other) {
        return new ContextSwitches(voluntary + other.voluntary, involuntary + other.involuntary);
    }

    private static long number(String line) {
        return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
    }
}
