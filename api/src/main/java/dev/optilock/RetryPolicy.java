package dev.optilock;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How {@code modify} and {@link OptimisticRetry} retry: at most {@code maxAttempts} attempts in all,
 * waiting between them with exponential backoff and jitter.
 *
 * <p>The wait before retry {@code n} (1-based) is {@code min(maxDelay, initialDelay * multiplier^(n-1))},
 * then scaled by a random factor in {@code [1 - jitter, 1]}. A policy retries only what a retry can fix:
 * {@link OptimisticLockException}, and {@link OutcomeUnknownException} resolved as
 * {@link OutcomeUnknownException.Resolution#NOT_APPLIED}. Everything else propagates at once.
 *
 * @param maxAttempts attempts in all, at least 1 (1 means no retry)
 * @param initialDelay the wait before the first retry, zero or positive
 * @param multiplier the growth of the wait per retry, at least 1
 * @param maxDelay the largest wait, at least {@code initialDelay}
 * @param jitter the random fraction taken off each wait, in {@code [0, 1]}
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay, double jitter) {

    /** 10 attempts, 5 ms doubling up to 200 ms, 50 % jitter: a good default for a few contending writers. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(10, Duration.ofMillis(5), 2.0, Duration.ofMillis(200), 0.5);

    /** One attempt, no retry. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO, 0.0);

    public RetryPolicy {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        if (initialDelay == null || initialDelay.isNegative()) {
            throw new IllegalArgumentException("initialDelay must be zero or positive, was " + initialDelay);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be a finite number >= 1, was " + multiplier);
        }
        if (maxDelay == null || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay must be at least initialDelay (" + initialDelay + "), was " + maxDelay);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("jitter must be in [0, 1], was " + jitter);
        }
    }

    /** Retries at once, without waiting, up to {@code maxAttempts} attempts in all. */
    public static RetryPolicy immediate(int maxAttempts) {
        return new RetryPolicy(maxAttempts, Duration.ZERO, 1.0, Duration.ZERO, 0.0);
    }

    /** This policy with another number of attempts. */
    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, initialDelay, multiplier, maxDelay, jitter);
    }

    /**
     * The wait before retry {@code retry} (1 for the first retry), with a jitter factor drawn from
     * {@code random01}, a number in [0, 1).
     */
    public Duration delayBeforeRetry(int retry, double random01) {
        if (retry < 1) throw new IllegalArgumentException("retry must be at least 1, was " + retry);
        double nanos = initialDelay.toNanos() * Math.pow(multiplier, retry - 1);
        double capped = Math.min(nanos, (double) maxDelay.toNanos());
        double jittered = capped * (1.0 - jitter * random01);
        return Duration.ofNanos((long) jittered);
    }

    /** The wait before retry {@code retry}, with random jitter. */
    public Duration delayBeforeRetry(int retry) {
        return delayBeforeRetry(retry, ThreadLocalRandom.current().nextDouble());
    }

    /** Whether this policy retries after {@code failure}. */
    public static boolean isRetryable(Throwable failure) {
        return failure instanceof OptimisticLockException
                || failure instanceof OutcomeUnknownException unknown
                        && unknown.resolution() == OutcomeUnknownException.Resolution.NOT_APPLIED;
    }
}
