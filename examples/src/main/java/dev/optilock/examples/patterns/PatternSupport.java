package dev.optilock.examples.patterns;

import dev.optilock.StoreOptions;
import dev.optilock.VersionedStore;
import dev.optilock.VersionedStores;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** What the pattern examples share: opening a store from the command line, and racing threads. */
final class PatternSupport {
    private PatternSupport() {
    }

    /**
     * Opens the store named by {@code args[0]} (any Optilock URL; credentials from OPTILOCK_USER and
     * OPTILOCK_PASSWORD), or a private in-memory store when no argument is given.
     */
    static VersionedStore open(String[] args, String name) {
        String url = args.length > 0 ? args[0] : "optilock:mem:" + name;
        StoreOptions.Builder options = StoreOptions.builder();
        String user = System.getenv("OPTILOCK_USER");
        String password = System.getenv("OPTILOCK_PASSWORD");
        if (user != null && !user.isBlank()) options.username(user);
        if (password != null && !password.isBlank()) options.password(password);
        return VersionedStores.open(url, options.build());
    }

    /** Runs {@code tasks} calls of {@code body} on as many threads, released at the same instant; returns the results in order. */
    static <R> List<R> race(int tasks, IntFunction<R> body) {
        ExecutorService pool = Executors.newFixedThreadPool(tasks);
        try {
            CountDownLatch ready = new CountDownLatch(tasks);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<R>> futures = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                int task = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return body.apply(task);
                }));
            }
            ready.await();
            go.countDown();
            List<R> results = new ArrayList<>();
            for (Future<R> future : futures) results.add(future.get());
            return results;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", interrupted);
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof RuntimeException runtime) throw runtime;
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
