package dev.optilock.spi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The few things every stage-based backend and the store itself do with {@link CompletionStage}s, written once:
 * start an operation so that what it throws becomes a failed stage, strip the wrappers a failure gathers, and
 * wait for a stage on behalf of a synchronous caller.
 */
public final class Stages {
    private Stages() {
    }

    /** A stage completed with {@code value}. */
    public static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }

    /** A stage failed with {@code failure}, without the wrappers of {@link #unwrap}. */
    public static <T> CompletableFuture<T> failed(Throwable failure) {
        return CompletableFuture.failedFuture(unwrap(failure));
    }

    /**
     * Runs {@code body} and returns its stage; what it throws (bad input found before anything is sent, say)
     * becomes a failed stage, so async callers always get their failures through the stage.
     */
    public static <T> CompletionStage<T> start(Supplier<? extends CompletionStage<T>> body) {
        try {
            return body.get();
        } catch (RuntimeException | Error failure) {
            return failed(failure);
        }
    }

    /** Runs {@code body} now and returns its result as a completed stage, or what it throws as a failed one. */
    public static <T> CompletionStage<T> completed(Supplier<T> body) {
        try {
            return done(body.get());
        } catch (RuntimeException | Error failure) {
            return failed(failure);
        }
    }

    /**
     * Whether {@code stage} has already completed normally: a caller can then skip the stages that only handle a
     * failure or wait (each costs an object or two per call on a synchronous path).
     */
    public static boolean succeeded(CompletionStage<?> stage) {
        if (!(stage instanceof CompletableFuture<?> future)) return false;
        return future.isDone() && !future.isCompletedExceptionally();
    }

    /** The exception a stage failed with, without {@link CompletionException} or {@link ExecutionException}. */
    public static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException) && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /**
     * Waits for {@code stage} on behalf of a synchronous caller and returns its value, or throws the exception it
     * failed with, unwrapped. The wait is not interruptible (a backend's own timeout bounds it); an interrupt that
     * arrives meanwhile is kept in the thread's flag.
     *
     * <p>A failure raised on another thread (a driver's I/O thread) has a stack that does not show the caller; it
     * then carries a suppressed {@link CallSite} whose stack is the caller's, so a log shows where the wait began.
     *
     * @throws RuntimeException or {@link Error} the stage failed with
     * @throws IllegalStateException wrapping a checked exception the stage failed with
     */
    public static <T> T await(CompletionStage<T> stage) {
        CompletableFuture<T> future = stage.toCompletableFuture();
        boolean waited = !future.isDone();
        try {
            return future.join();
        } catch (CompletionException | java.util.concurrent.CancellationException wrapped) {
            Throwable cause = unwrap(wrapped);
            if (waited && cause != wrapped) cause.addSuppressed(new CallSite(Thread.currentThread()));
            if (cause instanceof RuntimeException runtime) throw runtime;
            if (cause instanceof Error error) throw error;
            throw new IllegalStateException("the operation failed with a checked exception: " + cause, cause);
        }
    }

    /**
     * Where a synchronous caller waited for a stage that failed on another thread: its stack trace is the caller's.
     * It is attached to the failure as a suppressed exception and is never thrown by itself.
     */
    public static final class CallSite extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CallSite(Thread waiter) {
            super("the caller waited for this operation on thread '" + waiter.getName() + "'");
        }
    }
}
