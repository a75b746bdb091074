package dev.optilock.tck;

import dev.optilock.Capabilities;
import dev.optilock.Capability;
import dev.optilock.Condition;
import dev.optilock.EntitySpec;
import dev.optilock.OutcomeUnknownException;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.StoreOptions;
import dev.optilock.VersionedStore;
import dev.optilock.spi.Assignment;
import dev.optilock.spi.Backend;
import dev.optilock.spi.Backends;
import dev.optilock.spi.GroupStatement;
import dev.optilock.spi.WriteOutcome;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A fault injector for any backend, so that a backend author can run rules 5.2 and 5.3 without writing one: a
 * decorator that loses the response of some writes. A lost write is either sent to the real backend or not (at
 * random), and then reported as {@link OutcomeUnknownException}, exactly as a write whose connection broke after the
 * request left. Reads are never touched. The decorated backend declares {@link Capability#FAULT_INJECTION}.
 *
 * <pre>{@code
 * @Override
 * public VersionedStore openStoreWithLostResponses() {
 *     return LostResponses.store(new MyStoreProvider().open(url, StoreOptions.defaults()), 0.1, tck().seed(),
 *             StoreOptions.defaults());
 * }
 * }</pre>
 */
public final class LostResponses implements Backend {
    private final Backend backend;
    private final double rate;
    private final Random random;

    private LostResponses(Backend backend, double rate, long seed) {
        if (backend == null) throw new IllegalArgumentException("backend must not be null");
        if (!(rate > 0 && rate < 1)) throw new IllegalArgumentException("rate must be in (0, 1), was " + rate);
        this.backend = backend;
        this.rate = rate;
        this.random = new Random(seed);
    }

    /** {@code backend}, losing the response of each write with probability {@code rate}, drawn from {@code seed}. */
    public static Backend wrap(Backend backend, double rate, long seed) {
        return new LostResponses(backend, rate, seed);
    }

    /** A store on {@code backend} that loses responses as {@link #wrap} does. */
    public static VersionedStore store(Backend backend, double rate, long seed, StoreOptions options) {
        return Backends.toStore(wrap(backend, rate, seed), options);
    }

    @Override
    public Capabilities capabilities() {
        Capabilities real = backend.capabilities();
        EnumSet<Capability> features = EnumSet.of(Capability.FAULT_INJECTION);
        for (Capability capability : Capability.values()) {
            if (real.has(capability)) features.add(capability);
        }
        return new Capabilities(real.backendName(), features);
    }

    /** Pings pass: only writes lose their responses. */
    @Override
    public void ping() {
        backend.ping();
    }

    @Override
    public void createTable(EntitySpec spec) {
        backend.createTable(spec);
    }

    @Override
    public Optional<Row> find(EntitySpec spec, PrimaryKey key) {
        return backend.find(spec, key);
    }

    @Override
    public List<Optional<Row>> findGroup(EntitySpec spec, List<PrimaryKey> keys) {
        return backend.findGroup(spec, keys);
    }

    @Override
    public WriteOutcome insertIfAbsent(EntitySpec spec, Row row) {
        return write(spec, spec.keyOf(row), () -> backend.insertIfAbsent(spec, row));
    }

    @Override
    public WriteOutcome update(EntitySpec spec, PrimaryKey key, List<Assignment> assignments, Condition condition) {
        return write(spec, key, () -> backend.update(spec, key, assignments, condition));
    }

    @Override
    public WriteOutcome set(EntitySpec spec, PrimaryKey key, List<Assignment.SetValue> values, Condition condition) {
        return write(spec, key, () -> backend.set(spec, key, values, condition));
    }

    @Override
    public WriteOutcome delete(EntitySpec spec, PrimaryKey key, Condition condition) {
        return write(spec, key, () -> backend.delete(spec, key, condition));
    }

    @Override
    public boolean applyGroup(EntitySpec spec, List<GroupStatement> statements) {
        return write(spec, statements.get(0).key(), () -> backend.applyGroup(spec, statements));
    }

    @Override
    public void close() {
        backend.close();
    }

    @Override
    public String toString() {
        return "LostResponses[" + rate + ", " + backend + "]";
    }

    private <R> R write(EntitySpec spec, PrimaryKey key, Supplier<R> send) {
        boolean lose;
        boolean sent;
        synchronized (random) {
            lose = random.nextDouble() < rate;
            sent = random.nextBoolean();
        }
        if (!lose) return send.get();
        if (sent) send.get();
        throw new OutcomeUnknownException(spec.table(), key, OutcomeUnknownException.Resolution.UNKNOWN,
                "response lost by the TCK's fault injector (the write was " + (sent ? "" : "not ") + "sent)", null);
    }
}
