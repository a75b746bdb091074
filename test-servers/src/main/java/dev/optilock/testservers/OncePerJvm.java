package dev.optilock.testservers;

import java.util.function.Supplier;

/**
 * A server started at most once per JVM, on first use. A failed start is not retried: later calls fail as well, with
 * the first failure as their cause (a second start would most likely fail the same way, only slower).
 */
final class OncePerJvm<T> {
    private final String what;
    private final Supplier<T> start;
    private volatile T value;
    private RuntimeException failure;

    /** @param what for the message of a later call after a failed start, e.g. {@code "PostgreSQL test server"} */
    OncePerJvm(String what, Supplier<T> start) {
        this.what = what;
        this.start = start;
    }

    T get() {
        T started = value;
        if (started != null) return started;
        synchronized (this) {
            if (value == null) {
                if (failure != null) throw new IllegalStateException(what + " failed to start earlier in this JVM", failure);
                try {
                    value = start.get();
                } catch (RuntimeException e) {
                    failure = e;
                    throw e;
                }
            }
            return value;
        }
    }
}
