package dev.optilock.examples.patterns;

import dev.optilock.Changes;
import dev.optilock.Condition;
import dev.optilock.GroupItem;
import dev.optilock.GroupResult;
import dev.optilock.GroupWrite;
import dev.optilock.PrimaryKey;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedStore;
import dev.optilock.mapping.Key;
import dev.optilock.mapping.Table;
import dev.optilock.mapping.Version;
import java.io.PrintStream;
import java.util.List;

/**
 * Moving stock between two bins of one warehouse with an atomic group: take {@code n} units from one bin if it holds
 * at least {@code n}, and add them to the other, both or neither. The warehouse is the partition key, so the two rows
 * can be written together on every backend (one conditional batch on Cassandra, one transaction on SQL). No read and
 * no retry loop in the caller: the group reads both rows, and while they change under it, decides again.
 *
 * <pre>java -cp optilock-examples.jar dev.optilock.examples.patterns.StockTransfer [URL]</pre>
 */
public final class StockTransfer {

    /** The units in one bin of a warehouse. */
    @Table("bin_stock")
    public record BinStock(@Key String warehouse, @Key(clustering = true) String bin, int units, @Version long version) {
    }

    /**
     * What happened.
     *
     * @param finalUnits units per bin at the end, in bin order
     * @param refusal the group refused for want of stock, as it reported itself
     */
    public record Outcome(int initialTotal, int movers, int moved, int refused, List<Integer> finalUnits,
            GroupResult<BinStock, PrimaryKey> refusal) {
    }

    private static final List<String> BINS = List.of("a", "b", "c");

    private StockTransfer() {
    }

    /** Moves {@code units} from bin {@code from} to bin {@code to} if {@code from} holds that many; both or neither. */
    public static GroupResult<BinStock, PrimaryKey> move(VersionedRepository<BinStock, PrimaryKey> bins, String warehouse,
            String from, String to, int units) {
        return bins.applyAtomically(List.of(
                GroupWrite.update(PrimaryKey.of(warehouse, from), Changes.none().increment("units", -units),
                        Condition.greaterThanOrEqualTo("units", units)),
                GroupWrite.update(PrimaryKey.of(warehouse, to), Changes.none().increment("units", units), Condition.always())));
    }

    public static Outcome run(VersionedStore store, PrintStream out) {
        store.createTable(BinStock.class);
        VersionedRepository<BinStock, PrimaryKey> bins = store.repository(BinStock.class, PrimaryKey.class);
        String warehouse = "wh-" + Long.toHexString(System.nanoTime());
        int initial = 30;
        bins.applyAtomically(List.of(GroupWrite.insert(new BinStock(warehouse, "a", initial, 0)),
                GroupWrite.insert(new BinStock(warehouse, "b", 0, 0)), GroupWrite.insert(new BinStock(warehouse, "c", 0, 0))));

        int movers = 12;
        List<Boolean> moved = PatternSupport.race(movers, i -> move(bins, warehouse, BINS.get(i % 3), BINS.get((i + 1) % 3),
                1 + i % 4).applied());
        int applied = (int) moved.stream().filter(Boolean::booleanValue).count();

        List<Integer> units = BINS.stream().map(bin -> bins.find(PrimaryKey.of(warehouse, bin)).orElseThrow().units()).toList();
        GroupResult<BinStock, PrimaryKey> refusal = move(bins, warehouse, "a", "b", 1000);
        out.printf("%d movers raced over bins %s of %s: %d moves applied, %d refused (not enough stock); units now %s, total %d%n",
                movers, BINS, warehouse, applied, movers - applied, units, units.stream().mapToInt(Integer::intValue).sum());
        for (GroupItem<BinStock, PrimaryKey> item : refusal.items()) {
            out.printf("moving 1000 units, write %d on %s: %s, current %s%n", item.index(), item.key(), item.status(),
                    item.current().map(BinStock::units).orElse(null));
        }
        return new Outcome(initial, movers, applied, movers - applied, units, refusal);
    }

    public static void main(String[] args) {
        try (VersionedStore store = PatternSupport.open(args, "stock")) {
            run(store, System.out);
        }
    }
}
