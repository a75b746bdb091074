package dev.optilock.cql;

import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedStore;
import dev.optilock.tck.ExternalFaults;
import dev.optilock.testservers.CassandraCluster;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;

/**
 * A store on the cluster (or the single server) that loses responses for real: from its first repository on (so that
 * creating tables is not disturbed: a node paused during a schema change misses it for a while), one node is paused ({@code SIGSTOP}) for
 * 1.5 s, resumed for 1 s, and so on, while the store's requests time out after 0.5 s. Writes that node coordinates or
 * holds a Paxos round for stall past their timeout, and complete, or not, after the resume. It declares
 * {@link dev.optilock.Capability#FAULT_INJECTION} because it injects faults; closing it closes the store and stops them.
 */
final class NodePausingStore extends ExternalFaults {
    private final Pauses pauses;

    /** Pauses node {@code node} of {@code cluster}. */
    NodePausingStore(VersionedStore store, CassandraCluster cluster, int node, Lock exclusive) {
        this(store, () -> cluster.pause(node), () -> cluster.resume(node), "node-" + node, exclusive);
    }

    /** Pauses a server with {@code pause}, resumes it with {@code resume}. */
    NodePausingStore(VersionedStore store, Runnable pause, Runnable resume, String name, Lock exclusive) {
        this(store, new Pauses(pause, resume, name, exclusive));
    }

    private NodePausingStore(VersionedStore store, Pauses pauses) {
        super(store, pauses);
        this.pauses = pauses;
    }

    @Override
    public <T extends Record, K> VersionedRepository<T, K> repository(Class<T> recordType, Class<K> keyType) {
        pauses.start();
        return store.repository(recordType, keyType);
    }

    @Override
    public VersionedRepository<Row, PrimaryKey> rows(EntitySpec spec) {
        pauses.start();
        return store.rows(spec);
    }

    /**
     * The thread that pauses and resumes, started once under the exclusive lock, which closing it releases. A pause or
     * resume that fails is counted and the next cycle tried (a thread that died on the first failure would stop the
     * faults without a word); {@link #toString} says how many pauses there were and the first failure.
     */
    private static final class Pauses implements AutoCloseable {
        private final Thread thread;
        private final Lock exclusive;
        private final String name;
        private final AtomicInteger pauses = new AtomicInteger();
        private final AtomicInteger failures = new AtomicInteger();
        private final AtomicReference<RuntimeException> firstFailure = new AtomicReference<>();

        Pauses(Runnable pause, Runnable resume, String name, Lock exclusive) {
            this.exclusive = exclusive;
            this.name = name;
            this.thread = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        cycle(pause, resume);
                        Thread.sleep(1_000);
                    }
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                }
            }, "pause-" + name + "-for-lost-responses");
            thread.setDaemon(true);
        }

        private void cycle(Runnable pause, Runnable resume) throws InterruptedException {
            try {
                try {
                    pause.run(); // inside: a pause that fails half-way is resumed too
                    pauses.incrementAndGet();
                    Thread.sleep(1_500);
                } finally {
                    resume.run();
                }
            } catch (RuntimeException failure) {
                failures.incrementAndGet();
                firstFailure.compareAndSet(null, failure);
            }
        }

        synchronized void start() {
            if (thread.getState() != Thread.State.NEW) return;
            exclusive.lock();
            thread.start();
        }

        @Override
        public synchronized void close() throws InterruptedException {
            if (thread.getState() == Thread.State.NEW) return;
            thread.interrupt();
            try {
                thread.join(5_000);
            } finally {
                exclusive.unlock();
            }
        }

        @Override
        public String toString() {
            RuntimeException failure = firstFailure.get();
            return "Pauses[" + name + ", paused " + pauses.get() + " times for 1.5 s, " + failures.get() + " failed"
                    + (failure == null ? "" : ", first: " + failure) + "]";
        }
    }
}
