package dev.optilock.internal;

import dev.optilock.RetryPolicy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
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

    /**
     * The non-blocking twin of {@link #run}: each attempt is a stage; the wait between attempts is a delayed
     * executor, so no thread sleeps.
     */
    public static <R> CompletionStage<R> runAsync(Supplier<CompletionStage<R>> attempt, RetryPolicy policy, IntConsumer onRetry) {
        return attemptAsync(attempt, policy, onRetry, 1, null);
    }

    private static <R> CompletionStage<R> attemptAsync(Supplier<CompletionStage<R>> attempt, RetryPolicy policy, IntConsumer onRetry,
            int number, Throwable first) {
        CompletionStage<R> stage;
        try {
            stage = attempt.get();
        } catch (RuntimeException failure) {
            stage = CompletableFuture.failedFuture(failure);
        }
        return stage.handle((result, failure) -> {
            if (failure == null) return CompletableFuture.completedFuture(result);
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
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
