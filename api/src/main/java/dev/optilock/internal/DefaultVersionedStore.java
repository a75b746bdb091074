package dev.optilock.internal;

import dev.optilock.Capability;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import dev.optilock.Capabilities;
import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.StoreCounters;
import dev.optilock.StoreListener;
import dev.optilock.StoreOptions;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedStore;
import dev.optilock.spi.Backend;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** The one implementation of {@link VersionedStore}, over any {@link Backend}. */
public final class DefaultVersionedStore implements VersionedStore {
    private final Backend backend;
    private final StoreOptions options;
    private final StoreMetrics metrics = new StoreMetrics();
    private final Versions versions;
    private final Map<Class<?>, RecordMapper<?>> mappers = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object executorLock = new Object();
    private ExecutorService ownExecutor;

    public DefaultVersionedStore(Backend backend, StoreOptions options) {
        this.backend = backend;
        this.options = options;
        this.versions = new Versions(options.clock());
    }

    @Override
    public <T extends Record, K> VersionedRepository<T, K> repository(Class<T> recordType, Class<K> keyType) {
        RecordMapper<T> mapper = mapper(recordType);
        return new DefaultVersionedRepository<>(this, mapper, new KeyMapper<>(mapper.spec(), keyType), false);
    }

    @Override
    public VersionedRepository<Row, PrimaryKey> rows(EntitySpec spec) {
        if (spec == null) throw new IllegalArgumentException("spec must not be null");
        return new DefaultVersionedRepository<>(this, new RowMapper(spec), new KeyMapper<>(spec, PrimaryKey.class), false);
    }

    @Override
    public void createTable(EntitySpec spec) {
        if (spec == null) throw new IllegalArgumentException("spec must not be null");
        checkOpen();
        backend.createTable(writeIdentities() ? WriteIdentity.stored(spec) : spec);
    }

    @Override
    public void createTable(Class<? extends Record> recordType) {
        createTable(specOf(recordType));
    }

    @Override
    public EntitySpec specOf(Class<? extends Record> recordType) {
        return mapper(recordType).spec();
    }

    @SuppressWarnings("unchecked")
    private <T extends Record> RecordMapper<T> mapper(Class<T> recordType) {
        if (recordType == null) throw new IllegalArgumentException("recordType must not be null");
        return (RecordMapper<T>) mappers.computeIfAbsent(recordType, type -> new RecordMapper<>(recordType));
    }

    @Override
    public Capabilities capabilities() {
        Capabilities declared = backend.capabilities();
        if (!writeIdentities()) return declared;
        Set<Capability> features = EnumSet.of(Capability.WRITE_IDENTITY);
        features.addAll(declared.features());
        return new Capabilities(declared.backendName(), features);
    }

    @Override
    public java.time.Duration ping() {
        long started = System.nanoTime();
        backend.ping();
        return java.time.Duration.ofNanos(System.nanoTime() - started);
    }

    @Override
    public StoreCounters counters() {
        return metrics.snapshot();
    }

    @Override
    public AutoCloseable addListener(StoreListener listener) {
        return metrics.add(listener);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                backend.close();
            } finally {
                synchronized (executorLock) {
                    if (ownExecutor != null) ownExecutor.shutdown();
                }
            }
        }
    }

    Backend backend() {
        checkOpen();
        return backend;
    }

    StoreMetrics metrics() {
        return metrics;
    }

    Versions versions() {
        return versions;
    }

    /** Whether rows carry write identities and deletes leave tombstones (see {@link WriteIdentity}). */
    boolean writeIdentities() {
        return options.writeIdentities();
    }

    Optional<Duration> timeout() {
        return options.timeout();
    }

    Executor asyncExecutor() {
        if (options.asyncExecutor().isPresent()) return options.asyncExecutor().get();
        synchronized (executorLock) {
            if (ownExecutor == null) {
                AtomicInteger count = new AtomicInteger();
                ownExecutor = Executors.newCachedThreadPool(task -> {
                    Thread thread = new Thread(task, "optilock-async-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
            }
            return ownExecutor;
        }
    }

    private void checkOpen() {
        if (closed.get()) throw new IllegalStateException("store is closed");
    }

    @Override
    public String toString() {
        return "VersionedStore[" + backend.capabilities().backendName() + "]";
    }
}
