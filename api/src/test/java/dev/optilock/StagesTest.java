package dev.optilock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.optilock.spi.Stages;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StagesTest {

    @Test
    void should_turn_what_a_body_throws_into_a_failed_stage() {
        IllegalArgumentException bad = new IllegalArgumentException("key must not be null");
        CompletableFuture<Object> stage = Stages.start(() -> { throw bad; }).toCompletableFuture();
        assertThat(stage).isCompletedExceptionally();
        assertThat(catchThrowable(() -> Stages.await(stage))).isSameAs(bad);
    }

    @Test
    void should_throw_a_failure_unwrapped_without_a_call_site_when_it_happened_on_the_callers_thread() {
        EntityNotFoundException missing = new EntityNotFoundException("accounts", "a");
        Throwable thrown = catchThrowable(() -> Stages.await(Stages.failed(new java.util.concurrent.CompletionException(missing))));
        assertThat(thrown).isSameAs(missing);
        assertThat(thrown.getSuppressed()).isEmpty();
    }

    @Test
    void should_show_the_waiting_callers_stack_when_the_failure_came_from_another_thread() throws Exception {
        CompletableFuture<String> stage = new CompletableFuture<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = new Thread(() -> thrown.set(catchThrowable(() -> waitingCaller(stage))), "the-caller");
        caller.start();
        while (caller.getState() != Thread.State.WAITING && caller.getState() != Thread.State.TERMINATED) {
            Thread.onSpinWait();
        }
        OptimisticLockException conflict = new OptimisticLockException("accounts", "a", 1L, 2L, null);
        Thread ioThread = new Thread(() -> stage.completeExceptionally(conflict), "driver-io");
        ioThread.start();
        ioThread.join();
        caller.join();

        assertThat(thrown.get()).isSameAs(conflict);
        assertThat(conflict.getSuppressed()).singleElement().isInstanceOf(Stages.CallSite.class).satisfies(site -> {
            assertThat(site.getMessage()).contains("the-caller");
            assertThat(Arrays.stream(site.getStackTrace()).map(StackTraceElement::getMethodName)).contains("waitingCaller");
        });
    }

    private static String waitingCaller(CompletableFuture<String> stage) {
        return Stages.await(stage);
    }
}
