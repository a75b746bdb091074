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

    OptilockImpl(String name, VersionedStore store, boolean ownsStore) {
        this.name = name;
        this.store = store;
        this.items = store.repository(Item.class, Long.class);
        this.ownsStore = ownsStore;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Worker worker(int thread, int rowsPerThread) {
        Item[] rows = new Item[rowsPerThread];
        for (int i = 0; i < rowsPerThread; i++) {
            long id = (long) thread * rowsPerThread + i;
            rows[i] = items.find(id).orElseThrow(() -> new IllegalStateException("no row " + id + " in bench_optilock"));
        }
        return new Worker() {
            private long sequence;

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
