package dev.optilock.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Heap allocation per thread ({@code com.sun.management.ThreadMXBean}: bytes of TLAB and outside-TLAB allocation,
 * the same source JMH's {@code -prof gc} uses for {@code gc.alloc.rate.norm}).
 */
final class Allocation {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static {
        if (!THREADS.isThreadAllocatedMemorySupported()) {
            throw new IllegalStateException("this JVM cannot measure per-thread allocation");
        }
        THREADS.setThreadAllocatedMemoryEnabled(true);
        if (THREADS.isThreadCpuTimeSupported()) THREADS.setThreadCpuTimeEnabled(true);
    }

    private Allocation() {
    }

    /** CPU time used so far by the calling thread, in nanoseconds. */
    static long currentThreadCpu() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /** Bytes allocated so far by the calling thread. */
    static long currentThread() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** Bytes allocated so far by every live thread except the caller, by thread id. */
    static Map<Long, Long> otherThreads() {
        long self = Thread.currentThread().getId();
        long[] ids = THREADS.getAllThreadIds();
        long[] bytes = THREADS.getThreadAllocatedBytes(ids);
        Map<Long, Long> byId = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != self && bytes[i] >= 0) byId.put(ids[i], bytes[i]);
        }
        return byId;
    }

    /** What the threads of {@code before} (still alive) allocated since. */
    static long since(Map<Long, Long> before) {
        Map<Long, Long> after = otherThreads();
        long sum = 0;
        for (Map.Entry<Long, Long> entry : before.entrySet()) {
            Long now = after.get(entry.getKey());
            if (now != null) sum += Math.max(0, now - entry.getValue());
        }
        return sum;
    }

    /** A latency histogram in nanoseconds: 1 us to 10 minutes, 3 significant digits. */
    static Histogram newHistogram() {
        return new Histogram(1_000L, 600_000_000_000L, 3);
    }
}
