package dev.optilock.internal;

import dev.optilock.Capabilities;
import dev.optilock.Condition;
import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.spi.Assignment;
import dev.optilock.spi.Backend;
import dev.optilock.spi.WriteOutcome;
import java.util.List;
import java.util.Optional;

/** A backend that sends every primitive to {@code delegate}: tests override the calls they count or answer themselves. */
abstract class ForwardingBackend implements Backend {
    private final Backend delegate;

    ForwardingBackend(Backend delegate) {
        this.delegate = delegate;
    }

    @Override
    public WriteOutcome update(EntitySpec spec, PrimaryKey key, List<Assignment> assignments, Condition condition) {
        return delegate.update(spec, key, assignments, condition);
    }

    @Override
    public WriteOutcome set(EntitySpec spec, PrimaryKey key, List<Assignment.SetValue> values, Condition condition) {
        return delegate.set(spec, key, values, condition);
    }

    @Override
    public Capabilities capabilities() {
        return delegate.capabilities();
    }

    @Override
    public void createTable(EntitySpec spec) {
        delegate.createTable(spec);
    }

    @Override
    public Optional<Row> find(EntitySpec spec, PrimaryKey key) {
        return delegate.find(spec, key);
    }

    @Override
    public WriteOutcome insertIfAbsent(EntitySpec spec, Row row) {
        return delegate.insertIfAbsent(spec, row);
    }

    @Override
    public WriteOutcome delete(EntitySpec spec, PrimaryKey key, Condition condition) {
        return delegate.delete(spec, key, condition);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
