package dev.optilock.benchmarks;

import dev.optilock.Changes;
import dev.optilock.RetryPolicy;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedStore;

/**
 * Optilock's {@code modify}: read the row, compute the change, versioned write (retrying on conflict). The same work
 * as JPA's find-modify-commit, so the like-for-like comparison with Hibernate.
 */
final class OptilockModifyImpl implements Impl {
    private final VersionedStore store;
    private final VersionedRepository<Item, Long> items;

    OptilockModifyImpl(VersionedStore store) {
        this.store = store;
        this.items = store.repository(Item.class, Long.class);
    }

    @Override
    public String name() {
        return "optilock-modify";
    }

    @Override
    public Worker worker(int thread, int rowsPerThread) {
        long first = (long) thread * rowsPerThread;
        return new Worker() {
            private long sequence;

            @Override
            public void update() {
                long id = first + sequence % rowsPerThread;
                String payload = Payloads.get(sequence++);
                items.modify(id, current -> Changes.of("payload", payload), RetryPolicy.DEFAULT);
            }
        };
    }

    @Override
    public long appliedByLibrary() {
        return store.counters().applied();
    }
}
