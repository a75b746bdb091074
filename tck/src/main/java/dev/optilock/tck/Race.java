package dev.optilock.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Runs one action on many threads released together by a latch, and collects every outcome. */
public final class Race {
    private Race() {
    }

    /** The outcome of one thread: its result or what it threw. */
    public record Outcome<T>(int thread, T result, Throwable failure) {
        public boolean succeeded() {
            return failure == null;
        }
    }

    /** Runs {@code action(thread)} on {@code threads} threads at once; waits at most five minutes. */
    public static <T> List<Outcome<T>> run(int threads, IntFunction<T> action) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Outcome<T>>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                int thread = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    try {
                        return new Outcome<>(thread, action.apply(thread), null);
                    } catch (Throwable failure) {
                        return new Outcome<T>(thread, null, failure);
                    }
                }));
            }
            ready.await(1, TimeUnit.MINUTES);
            go.countDown();
            List<Outcome<T>> outcomes = new ArrayList<>();
            for (Future<Outcome<T>> future : futures) {
                outcomes.add(future.get(5, TimeUnit.MINUTES));
            }
            return outcomes;
        } catch (Exception e) {
            throw new IllegalStateException("race did not finish", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
