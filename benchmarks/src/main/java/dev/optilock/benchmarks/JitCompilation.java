package dev.optilock.benchmarks;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * The time this JVM's JIT compilers have spent compiling so far ({@link CompilationMXBean}), summed over its compiler
 * threads. On two cores a compilation competes with the measured threads and the servers for the CPU: a run during
 * which the JIT compiled ran slower for a reason that is not the implementation's steady cost, and on the first
 * rounds after a scenario's warm-up it was (one quick run: Optilock at 0.63 of hand-written JDBC in round 2, its JVM
 * at 32 against its usual 10 µs of CPU per write).
 */
final class JitCompilation {
    private static final CompilationMXBean COMPILER = ManagementFactory.getCompilationMXBean();
    private static final boolean MEASURED = COMPILER != null && COMPILER.isCompilationTimeMonitoringSupported();

    private JitCompilation() {
    }

    /** Milliseconds of compilation so far, or -1 when this JVM does not tell. */
    static long totalMillis() {
        return MEASURED ? COMPILER.getTotalCompilationTime() : -1;
    }

    /** The share of {@code wallNanos} the JIT spent compiling since {@code beforeMillis}; NaN when not known. */
    static double shareSince(long beforeMillis, long wallNanos) {
        if (beforeMillis < 0 || wallNanos <= 0) return Double.NaN;
        return (totalMillis() - beforeMillis) * 1e6 / wallNanos;
    }
}
