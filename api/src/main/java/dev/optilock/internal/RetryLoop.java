package dev.optilock.internal;

import dev.optilock.RetryPolicy;
import java.time.Duration;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/** The retry loop behind {@code modify} and {@link dev.optilock.OptimisticRetry}. */
public final class RetryLoop {
    private RetryLoop() {
    }

    /**
     * Runs {@code action} until it returns, fails with an exception {@link RetryPolicy#isRetryable} rejects,
     * or the attempts run out; calls {@code onRetry} with the retry number before each retry.
     */
    public static <R> R run(Supplier<R> action, RetryPolicy policy, IntConsumer onRetry) {
        if (action == null) throw new IllegalArgumentException("action must not be null");
        if (policy == null) throw new IllegalArgumentException("policy must not be null");
        RuntimeException first = null;
        for (int attempt = 1; ; attempt++) {
            try {
                return action.get();
            } catch (RuntimeException failure) {
                if (!RetryPolicy.isRetryable(failure) || attempt >= policy.maxAttempts()) {
                    if (first != null && first != failure) failure.addSuppressed(first);
                    throw failure;
                }
                if (first == null) first = failure;
                onRetry.accept(attempt);
                sleep(policy.delayBeforeRetry(attempt));
            }
        }
    }

    private static void sleep(Duration delay) {
        if (delay.isZero()) return;
        try {
            Thread.sleep(delay.toMillis(), (int) (delay.toNanos() % 1_000_000));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", interrupted);
        }
    }
}
