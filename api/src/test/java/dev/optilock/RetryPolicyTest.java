package dev.optilock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void should_grow_delays_exponentially_within_bounds_and_jitter() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(10), 2.0, Duration.ofMillis(50), 0.5);
        assertThat(policy.delayBeforeRetry(1, 0.0)).isEqualTo(Duration.ofMillis(10));
        assertThat(policy.delayBeforeRetry(2, 0.0)).isEqualTo(Duration.ofMillis(20));
        assertThat(policy.delayBeforeRetry(3, 0.0)).isEqualTo(Duration.ofMillis(40));
        assertThat(policy.delayBeforeRetry(4, 0.0)).isEqualTo(Duration.ofMillis(50));
        assertThat(policy.delayBeforeRetry(30, 0.0)).isEqualTo(Duration.ofMillis(50));
        assertThat(policy.delayBeforeRetry(1, 0.999999)).isBetween(Duration.ofMillis(5), Duration.ofMillis(10));
        for (int retry = 1; retry < 20; retry++) {
            assertThat(policy.delayBeforeRetry(retry)).isBetween(Duration.ofMillis(5), Duration.ofMillis(50));
        }
    }

    @Test
    void should_reject_invalid_policies_naming_the_argument() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, 1, Duration.ZERO, 0)).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofMillis(-1), 1, Duration.ZERO, 0)).hasMessageContaining("initialDelay");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, 0.5, Duration.ZERO, 0)).hasMessageContaining("multiplier");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofMillis(5), 1, Duration.ofMillis(1), 0)).hasMessageContaining("maxDelay");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, 1, Duration.ZERO, 1.5)).hasMessageContaining("jitter");
    }

    @Test
    void should_retry_conflicts_and_resolved_not_applied_outcomes_only() {
        assertThat(RetryPolicy.isRetryable(new OptimisticLockException("t", "k", 1L, 2L, null))).isTrue();
        assertThat(RetryPolicy.isRetryable(new OutcomeUnknownException("t", "k", OutcomeUnknownException.Resolution.NOT_APPLIED, null, null))).isTrue();
        assertThat(RetryPolicy.isRetryable(new OutcomeUnknownException("t", "k", OutcomeUnknownException.Resolution.UNKNOWN, null, null))).isFalse();
        assertThat(RetryPolicy.isRetryable(new EntityNotFoundException("t", "k"))).isFalse();
        assertThat(RetryPolicy.isRetryable(new IllegalArgumentException())).isFalse();
    }

    @Test
    void should_stop_after_max_attempts_and_keep_the_first_failure() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> OptimisticRetry.withOptimisticRetry(() -> {
            throw new OptimisticLockException("t", "k", 1L, (long) attempts.incrementAndGet() + 1, null);
        }, RetryPolicy.immediate(3))).isInstanceOf(OptimisticLockException.class)
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
        assertThat(attempts).hasValue(3);

        AtomicInteger notFound = new AtomicInteger();
        assertThatThrownBy(() -> OptimisticRetry.withOptimisticRetry(() -> {
            notFound.incrementAndGet();
            throw new EntityNotFoundException("t", "k");
        }, RetryPolicy.DEFAULT)).isInstanceOf(EntityNotFoundException.class);
        assertThat(notFound).hasValue(1);

        AtomicInteger flaky = new AtomicInteger();
        assertThat(OptimisticRetry.withOptimisticRetry(() -> {
            if (flaky.incrementAndGet() < 3) throw new OptimisticLockException("t", "k", 1L, 2L, null);
            return "done";
        }, RetryPolicy.DEFAULT)).isEqualTo("done");
    }
}
