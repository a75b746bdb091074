package dev.optilock.examples.patterns;

import dev.optilock.Changes;
import dev.optilock.EntityNotFoundException;
import dev.optilock.ItemOutcome;
import dev.optilock.OptimisticLockException;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedStore;
import dev.optilock.VersionedUpdate;
import dev.optilock.mapping.Key;
import dev.optilock.mapping.Table;
import dev.optilock.mapping.Version;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code updateAll} with per-item outcomes ("all settled"): every item is its own versioned write, and the batch
 * reports one outcome per item, in order: the updated row, or the failure (a conflict, a missing row). One stale
 * item does not stop the others. Bad input in any item, on the other hand, rejects the whole batch before anything
 * is written.
 *
 * <pre>java -cp optilock-examples.jar dev.optilock.examples.patterns.BatchUpdates [URL]</pre>
 */
public final class BatchUpdates {

    /** A price in cents. */
    @Table("prices")
    public record Price(@Key String sku, long cents, @Version long version) {
    }

    /** One line per item: {@code updated}, {@code conflict} or {@code not_found}. */
    public record Outcome(List<String> kinds, List<Long> finalCents) {
    }

    private BatchUpdates() {
    }

    public static Outcome run(VersionedStore store, PrintStream out) {
        store.createTable(Price.class);
        VersionedRepository<Price, String> prices = store.repository(Price.class, String.class);
        String prefix = "sku-" + Long.toHexString(System.nanoTime()) + "-";
        List<Price> read = new ArrayList<>();
        for (int i = 1; i <= 4; i++) read.add(prices.insert(new Price(prefix + i, 1000L * i, 0)));

        // Someone else reprices item 2 after we read it: our version for it is stale.
        prices.updateWithVersion(prefix + 2, read.get(1).version(), Changes.of("cents", 2500L));

        List<VersionedUpdate<String>> batch = new ArrayList<>();
        for (Price price : read) {
            batch.add(new VersionedUpdate<>(price.sku(), price.version(), Changes.of("cents", price.cents() * 9 / 10)));
        }
        batch.add(2, new VersionedUpdate<>(prefix + "ghost", 1L, Changes.of("cents", 1L))); // never existed

        List<String> kinds = new ArrayList<>();
        for (ItemOutcome<Price, String> outcome : prices.updateAll(batch)) {
            String kind;
            if (outcome.succeeded()) {
                kind = "updated";
                out.printf("  [%d] %s: updated to %d cents (version %d)%n", outcome.index(), outcome.key(),
                        outcome.entity().cents(), outcome.entity().version());
            } else if (outcome.failure() instanceof OptimisticLockException conflict) {
                kind = "conflict";
                out.printf("  [%d] %s: conflict, expected version %s but it is at %s (%s cents): re-read and decide%n",
                        outcome.index(), outcome.key(), conflict.expectedVersion(), conflict.actualVersion().orElse("?"),
                        conflict.currentEntity(Price.class).map(Price::cents).map(String::valueOf).orElse("?"));
            } else if (outcome.failure() instanceof EntityNotFoundException) {
                kind = "not_found";
                out.printf("  [%d] %s: not found%n", outcome.index(), outcome.key());
            } else {
                kind = "failed";
                out.printf("  [%d] %s: %s%n", outcome.index(), outcome.key(), outcome.failure());
            }
            kinds.add(kind);
        }
        List<Long> finalCents = new ArrayList<>();
        for (Price price : read) finalCents.add(prices.find(price.sku()).orElseThrow().cents());
        out.println("prices now: " + finalCents);
        return new Outcome(kinds, finalCents);
    }

    public static void main(String[] args) {
        try (VersionedStore store = PatternSupport.open(args, "batch")) {
            run(store, System.out);
        }
    }
}
