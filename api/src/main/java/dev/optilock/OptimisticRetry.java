package dev.optilock;

import dev.optilock.internal.RetryLoop;
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
     * @throws IllegalStateException if the thread is interrupted while waiting; the interrupt flag is kept
     */
    public static <R> R withOptimisticRetry(Supplier<R> action, RetryPolicy policy) {
        return RetryLoop.run(action, policy, retry -> { });
    }

}
