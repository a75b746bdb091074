package dev.optilock.examples.boot;

import dev.optilock.Changes;
import dev.optilock.EntityNotFoundException;
import dev.optilock.GroupResult;
import dev.optilock.GroupWrite;
import dev.optilock.OptimisticLockException;
import dev.optilock.PrimaryKey;
import dev.optilock.RetryPolicy;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedStore;
import dev.optilock.WriteResult;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** The stock rules, on the store the starter configured. */
@Service
public class Stock {
    private final VersionedRepository<Bin, PrimaryKey> bins;
    private final RetryPolicy retryPolicy;

    public Stock(VersionedStore store, RetryPolicy retryPolicy) {
        store.createTable(Bin.class);
        this.bins = store.repository(Bin.class, PrimaryKey.class);
        this.retryPolicy = retryPolicy;
    }

    /** Opens a bin with {@code quantity} units; not applied, with the bin there, when it exists. */
    public WriteResult<Bin> open(String warehouse, String bin, long quantity) {
        if (quantity < 0) throw new IllegalArgumentException("quantity must not be negative: " + quantity);
        return bins.insertIfAbsent(new Bin(warehouse, bin, quantity, 0));
    }

    public Optional<Bin> find(String warehouse, String bin) {
        return bins.find(PrimaryKey.of(warehouse, bin));
    }

    /** Adds a delivery to a bin: read, add, write at the version read, again on a conflict. */
    public Bin deliver(String warehouse, String bin, long quantity) {
        if (quantity <= 0) throw new IllegalArgumentException("quantity must be positive: " + quantity);
        return bins.modify(PrimaryKey.of(warehouse, bin), current -> Changes.of("quantity", current.quantity() + quantity),
                retryPolicy);
    }

    /**
     * Moves {@code quantity} units between two bins of a warehouse as one atomic group pinned to the versions read;
     * when another writer moved either bin first, reads and tries again as the retry policy allows.
     *
     * @throws InsufficientStockException if the source bin holds fewer units
     * @throws OptimisticLockException if the attempts ran out under contention
     */
    public List<Bin> transfer(String warehouse, String from, String to, long quantity) {
        if (quantity <= 0) throw new IllegalArgumentException("quantity must be positive: " + quantity);
        if (from.equals(to)) throw new IllegalArgumentException("from and to must be different bins: " + from);
        PrimaryKey source = PrimaryKey.of(warehouse, from);
        PrimaryKey target = PrimaryKey.of(warehouse, to);
        for (int attempt = 1; ; attempt++) {
            Bin fromBin = bins.find(source).orElseThrow(() -> new EntityNotFoundException("stock_bins", source));
            Bin toBin = bins.find(target).orElseThrow(() -> new EntityNotFoundException("stock_bins", target));
            if (fromBin.quantity() < quantity) throw new InsufficientStockException(fromBin, quantity);
            GroupResult<Bin, PrimaryKey> moved = bins.applyAtomically(List.of(
                    GroupWrite.updateWithVersion(source, fromBin.version(), Changes.none().increment("quantity", -quantity)),
                    GroupWrite.updateWithVersion(target, toBin.version(), Changes.none().increment("quantity", quantity))));
            if (moved.applied()) return List.of(moved.items().get(0).entity(), moved.items().get(1).entity());
            if (attempt >= retryPolicy.maxAttempts()) {
                throw new OptimisticLockException("stock_bins", source, fromBin.version(), null, null);
            }
            pause(retryPolicy.delayBeforeRetry(attempt));
        }
    }

    private static void pause(java.time.Duration delay) {
        try {
            Thread.sleep(delay.toMillis(), (int) (delay.toNanos() % 1_000_000));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry a transfer", interrupted);
        }
    }
}
