package dev.optilock.examples.patterns;

import dev.optilock.Changes;
import dev.optilock.Condition;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedStore;
import dev.optilock.mapping.Key;
import dev.optilock.mapping.Table;
import dev.optilock.mapping.Version;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A fixed-window rate limiter: one counter row per client and window. The first request of a window creates the row
 * ({@code insertIfAbsent}); later ones increment it only while it is below the limit ({@code hits < limit}), in one
 * conditional write. However many servers share the store, a window never admits more than the limit.
 *
 * <p>Old windows are left behind: expire them with a TTL where the backend has one, or a periodic delete.
 *
 * <pre>java -cp optilock-examples.jar dev.optilock.examples.patterns.RateLimiter [URL]</pre>
 */
public final class RateLimiter {

    /** The hits of one client in one window; the key is {@code client@windowStartMillis}. */
    @Table("rate_windows")
    public record RateWindow(@Key String window, String client, long windowStart, int hits, @Version long version) {
    }

    /** What happened. */
    public record Outcome(int limit, int requests, long allowedFirstWindow, long allowedSecondWindow) {
    }

    private final VersionedRepository<RateWindow, String> windows;
    private final int limit;
    private final Duration window;

    public RateLimiter(VersionedStore store, int limit, Duration window) {
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        store.createTable(RateWindow.class);
        this.windows = store.repository(RateWindow.class, String.class);
        this.limit = limit;
        this.window = window;
    }

    /** Whether {@code client} may make a request at {@code now}; counts it if so. */
    public boolean tryAcquire(String client, Instant now) {
        long start = now.toEpochMilli() / window.toMillis() * window.toMillis();
        String key = client + "@" + start;
        if (windows.insertIfAbsent(new RateWindow(key, client, start, 1, 0)).applied()) return true;
        return windows.update(key, Changes.none().increment("hits", 1), Condition.lessThan("hits", limit)).applied();
    }

    public static Outcome run(VersionedStore store, PrintStream out) {
        int limit = 10;
        RateLimiter limiter = new RateLimiter(store, limit, Duration.ofMinutes(1));
        String client = "client-" + Long.toHexString(System.nanoTime());
        Instant first = Instant.parse("2030-01-01T12:00:05Z");
        Instant second = first.plus(Duration.ofMinutes(1));
        int requests = 30;
        List<Boolean> inFirst = PatternSupport.race(requests, i -> limiter.tryAcquire(client, first));
        List<Boolean> inSecond = PatternSupport.race(requests, i -> limiter.tryAcquire(client, second));
        long allowedFirst = inFirst.stream().filter(Boolean::booleanValue).count();
        long allowedSecond = inSecond.stream().filter(Boolean::booleanValue).count();
        out.printf("limit %d per minute: %d concurrent requests -> %d allowed, %d rejected; next minute: %d allowed%n",
                limit, requests, allowedFirst, requests - allowedFirst, allowedSecond);
        return new Outcome(limit, requests, allowedFirst, allowedSecond);
    }

    public static void main(String[] args) {
        try (VersionedStore store = PatternSupport.open(args, "ratelimit")) {
            run(store, System.out);
        }
    }
}
