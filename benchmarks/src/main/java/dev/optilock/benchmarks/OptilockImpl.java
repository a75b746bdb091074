package dev.optilock.benchmarks;

import dev.optilock.Changes;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedStore;

/**
 * Optilock's {@code updateWithVersion}: each worker holds the entities it last wrote and updates them with the version
 * they carry (the same knowledge the hand-written floor keeps in a {@code long[]}). Works on any backend.
 */
final class OptilockImpl implements Impl {
    private final String name;
    private final VersionedStore store;
    private final VersionedRepository<Item, Long> items;
    private final boolean ownsStore;
    private final boolean sharedRows;

    /**
     * @param ownsStore whether {@link #close} closes {@code store}
     * @param sharedRows whether other implementations write the same rows between this one's runs (PostgreSQL's
     *     {@link SqlDatabase#ITEM_TABLE}): the worker then reads its rows before every run, else before its first only
     */
    OptilockImpl(String name, VersionedStore store, boolean ownsStore, boolean sharedRows) {
        this.name = name;
        this.store = store;
        this.items = store.repository(Item.class, Long.class);
        this.ownsStore = ownsStore;
        this.sharedRows = sharedRows;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Worker worker(int thread, int rowsPerThread) {
        Item[] rows = new Item[rowsPerThread];
        long first = (long) thread * rowsPerThread;
        return new Worker() {
            private long sequence;

            @Override
            public void prepare() {
                if (rows[0] != null && !sharedRows) return;
                for (int i = 0; i < rows.length; i++) {
                    long id = first + i;
                    rows[i] = items.find(id).orElseThrow(() -> new IllegalStateException("no row " + id + " in " + Item.class));
                }
            }

            @Override
            public void update() {
                int index = (int) (sequence % rows.length);
                Item current = rows[index];
                rows[index] = items.updateWithVersion(current.id(), current.version(), Changes.of("payload", Payloads.get(sequence++)));
            }
        };
    }

    @Override
    public long appliedByLibrary() {
        return store.counters().applied();
    }

    @Override
    public void close() {
        if (ownsStore) store.close();
    }
}
