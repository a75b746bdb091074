package dev.optilock.examples.patterns;

import dev.optilock.Changes;
import dev.optilock.Condition;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedStore;
import dev.optilock.WriteResult;
import dev.optilock.mapping.Key;
import dev.optilock.mapping.Table;
import dev.optilock.mapping.Version;
import java.io.PrintStream;
import java.util.List;

/**
 * Inventory reservation with a {@code >=} condition: take {@code quantity} units only if at least that many are
 * available, atomically. No read, no version, no retry: the condition and the decrement are one conditional write,
 * so concurrent shoppers can never oversell.
 *
 * <pre>java -cp optilock-examples.jar dev.optilock.examples.patterns.InventoryReservation [URL]</pre>
 */
public final class InventoryReservation {

    /** Stock of one SKU. */
    @Table("inventory")
    public record Stock(@Key String sku, int available, int reserved, @Version long version) {
    }

    /** What happened. */
    public record Outcome(int initial, int shoppers, int unitsWanted, int unitsSold, List<Integer> rejectedQuantities,
            int finalAvailable, int finalReserved) {
    }

    private InventoryReservation() {
    }

    /** Reserves {@code quantity} units if at least that many are available. */
    public static boolean reserve(VersionedRepository<Stock, String> stock, String sku, int quantity) {
        WriteResult<Stock> result = stock.update(sku,
                Changes.none().increment("available", -quantity).increment("reserved", quantity),
                Condition.greaterThanOrEqualTo("available", quantity));
        return result.applied();
    }

    public static Outcome run(VersionedStore store, PrintStream out) {
        store.createTable(Stock.class);
        VersionedRepository<Stock, String> stock = store.repository(Stock.class, String.class);
        String sku = "sku-" + Long.toHexString(System.nanoTime());
        int initial = 50;
        stock.insert(new Stock(sku, initial, 0, 0));

        int shoppers = 32;
        List<Integer> wanted = new java.util.ArrayList<>();
        for (int i = 0; i < shoppers; i++) wanted.add(1 + i % 3); // 64 units wanted, 50 in stock
        List<Boolean> reserved = PatternSupport.race(shoppers, i -> reserve(stock, sku, wanted.get(i)));

        int sold = 0;
        List<Integer> rejected = new java.util.ArrayList<>();
        for (int i = 0; i < shoppers; i++) {
            if (reserved.get(i)) sold += wanted.get(i);
            else rejected.add(wanted.get(i));
        }
        Stock last = stock.find(sku).orElseThrow();
        out.printf("%d shoppers wanted %d units of %s (%d in stock): %d sold, %d shoppers turned away; now available=%d reserved=%d%n",
                shoppers, wanted.stream().mapToInt(Integer::intValue).sum(), sku, initial, sold, rejected.size(),
                last.available(), last.reserved());
        return new Outcome(initial, shoppers, wanted.stream().mapToInt(Integer::intValue).sum(), sold, rejected,
                last.available(), last.reserved());
    }

    public static void main(String[] args) {
        try (VersionedStore store = PatternSupport.open(args, "inventory")) {
            run(store, System.out);
        }
    }
}
