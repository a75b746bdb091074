package dev.optilock.internal;

import dev.optilock.RetryPolicy;
import dev.optilock.spi.Stages;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/** The non-blocking retry loop of the async {@code modify}; the blocking one is {@link dev.optilock.OptimisticRetry}. */
public final class RetryLoop {
    private RetryLoop() {
    }

    /**
     * The non-blocking twin of {@link dev.optilock.OptimisticRetry#withOptimisticRetry}: each attempt is a stage;
     * the wait between attempts is a delayed executor, so no thread sleeps.
     */
    public static <R> CompletionStage<R> runAsync(Supplier<CompletionStage<R>> attempt, RetryPolicy policy, IntConsumer onRetry) {
        return attemptAsync(attempt, policy, onRetry, 1, null);
    }

    private static <R> CompletionStage<R> attemptAsync(Supplier<CompletionStage<R>> attempt, RetryPolicy policy, IntConsumer onRetry,
            int number, Throwable first) {
        return Stages.start(attempt).handle((result, failure) -> {
            if (failure == null) return CompletableFuture.completedFuture(result);
            Throwable cause = Stages.unwrap(failure);
            if (!RetryPolicy.isRetryable(cause) || number >= policy.maxAttempts()) {
                if (first != null && first != cause) cause.addSuppressed(first);
                return CompletableFuture.<R>failedFuture(cause);
            }
            onRetry.accept(number);
            Duration delay = policy.delayBeforeRetry(number);
            Executor later = delay.isZero() ? Runnable::run : CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS);
            Throwable kept = first == null ? cause : first;
            return CompletableFuture.supplyAsync(() -> null, later)
                    .thenCompose(ignored -> attemptAsync(attempt, policy, onRetry, number + 1, kept));
        }).thenCompose(java.util.function.Function.identity());
    }
}
