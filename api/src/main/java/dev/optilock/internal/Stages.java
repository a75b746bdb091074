package dev.optilock.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/** Small helpers for the stage-based repository operations. */
final class Stages {
    private Stages() {
    }

    static <R> CompletableFuture<R> done(R value) {
        return CompletableFuture.completedFuture(value);
    }

    static <R> CompletableFuture<R> failed(Throwable failure) {
        return CompletableFuture.failedFuture(unwrap(failure));
    }

    /** Runs {@code body}; what it throws becomes a failed stage, so bad input fails async stages too. */
    static <R> CompletionStage<R> start(Supplier<? extends CompletionStage<R>> body) {
        try {
            return body.get();
        } catch (RuntimeException | Error failure) {
            return failed(failure);
        }
    }

    /** The exception a stage failed with, without the CompletionException wrapper. */
    static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException) && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** Waits for a stage of the synchronous path and returns its value or throws its exception unwrapped. */
    static <R> R join(CompletionStage<R> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException wrapped) {
            Throwable cause = unwrap(wrapped);
            if (cause instanceof RuntimeException runtime) throw runtime;
            if (cause instanceof Error error) throw error;
            throw wrapped;
        }
    }
}
