package dev.optilock;

import java.time.Duration;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Runs an action again when it fails in a way a retry can fix, as {@link RetryPolicy} defines. The action
 * must re-read what it depends on at each attempt; the last failure propagates when attempts run out, with
 * the earlier ones attached as suppressed exceptions.
 */
public final class OptimisticRetry {
    private OptimisticRetry() {
    }

    /**
     * Runs {@code action} until it returns, fails with a non-retryable exception, or {@code policy} runs
     * out of attempts.
     *
     * @throws OptilockException the last failure
     * @throws IllegalArgumentException if {@code action} or {@code policy} is null
     * @throws IllegalStateException if the thread is interrupted while waiting; the interrupt flag is kept
     */
    public static <R> R withOptimisticRetry(Supplier<R> action, RetryPolicy policy) {
        return withOptimisticRetry(action, policy, retry -> { });
    }

    /**
     * As {@link #withOptimisticRetry(Supplier, RetryPolicy)}, and calls {@code beforeRetry} with the number of
     * the retry (1 for the first) before each one, on the calling thread; metrics count retries this way.
     *
     * @throws IllegalArgumentException if an argument is null
     */
    public static <R> R withOptimisticRetry(Supplier<R> action, RetryPolicy policy, IntConsumer beforeRetry) {
        if (action == null) throw new IllegalArgumentException("action must not be null");
        if (policy == null) throw new IllegalArgumentException("policy must not be null");
        if (beforeRetry == null) throw new IllegalArgumentException("beforeRetry must not be null");
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
                beforeRetry.accept(attempt);
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
