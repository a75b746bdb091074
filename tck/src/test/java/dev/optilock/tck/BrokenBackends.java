package dev.optilock.tck;

import dev.optilock.Capabilities;
import dev.optilock.Condition;
import dev.optilock.EntitySpec;
import dev.optilock.OutcomeUnknownException;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.StoreOptions;
import dev.optilock.VersionedStore;
import dev.optilock.spi.semantics.Assignments;
import dev.optilock.memory.MemoryStoreProvider;
import dev.optilock.spi.semantics.Conditions;
import dev.optilock.spi.Assignment;
import dev.optilock.spi.Backend;
import dev.optilock.spi.GroupStatement;
import dev.optilock.spi.Backends;
import dev.optilock.spi.WriteOutcome;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Backends that are each wrong in one way a real backend could be, built on the reference backend. The
 * TCK must catch every one of them with at least one required rule.
 */
final class BrokenBackends {
    private BrokenBackends() {
    }

    /** Delegates everything to a reference backend; subclasses break one thing. */
    abstract static class Delegating implements Backend {
        final Backend delegate;

        Delegating(Backend delegate) {
            this.delegate = delegate;
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
        public void ping() {
            delegate.ping();
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
        public WriteOutcome update(EntitySpec spec, PrimaryKey key, List<Assignment> assignments, Condition condition) {
            return delegate.update(spec, key, assignments, condition);
        }

        @Override
        public WriteOutcome delete(EntitySpec spec, PrimaryKey key, Condition condition) {
            return delegate.delete(spec, key, condition);
        }

        @Override
        public List<Optional<Row>> findGroup(EntitySpec spec, List<PrimaryKey> keys) {
            return delegate.findGroup(spec, keys);
        }

        @Override
        public boolean applyGroup(EntitySpec spec, List<GroupStatement> statements) {
            return delegate.applyGroup(spec, statements);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    static Backend reference(String name) {
        return new MemoryStoreProvider().open("optilock:mem:" + name, StoreOptions.defaults());
    }

    static VersionedStore store(Backend backend, StoreOptions options) {
        return Backends.toStore(backend, options);
    }

    /** Reads, checks the condition, then writes unconditionally: two writers can both pass the check. */
    static final class ReadThenWrite extends Delegating {
        ReadThenWrite(Backend delegate) {
            super(delegate);
        }

        @Override
        public WriteOutcome update(EntitySpec spec, PrimaryKey key, List<Assignment> assignments, Condition condition) {
            Optional<Row> current = delegate.find(spec, key);
            if (current.isEmpty()) return WriteOutcome.NotFound.INSTANCE;
            if (!Conditions.test(condition, current.get())) return new WriteOutcome.NotApplied(current.get());
            pause();
            return delegate.update(spec, key, assignments, Condition.always());
        }

        @Override
        public WriteOutcome delete(EntitySpec spec, PrimaryKey key, Condition condition) {
            Optional<Row> current = delegate.find(spec, key);
            if (current.isEmpty()) return WriteOutcome.NotFound.INSTANCE;
            if (!Conditions.test(condition, current.get())) return new WriteOutcome.NotApplied(current.get());
            pause();
            delegate.delete(spec, key, Condition.always());
            return new WriteOutcome.Applied(current.get());
        }
    }

    /** Drops the version condition: every versioned write applies, stale or not. */
    static final class IgnoresVersion extends Delegating {
        IgnoresVersion(Backend delegate) {
            super(delegate);
        }

        @Override
        public WriteOutcome update(EntitySpec spec, PrimaryKey key, List<Assignment> assignments, Condition condition) {
            return delegate.update(spec, key, assignments, withoutVersion(spec, condition));
        }

        @Override
        public WriteOutcome delete(EntitySpec spec, PrimaryKey key, Condition condition) {
            return delegate.delete(spec, key, withoutVersion(spec, condition));
        }

        private static Condition withoutVersion(EntitySpec spec, Condition condition) {
            if (condition instanceof Condition.All all) {
                return Condition.all(all.conditions().stream().map(part -> withoutVersion(spec, part)).toArray(Condition[]::new));
            }
            if (condition instanceof Condition.Comparison comparison && comparison.column().equals(spec.versionColumn())) {
                return Condition.always();
            }
            return condition;
        }
    }

    /** Reports a failed condition as a missing row. */
    static final class ConflictAsNotFound extends Delegating {
        ConflictAsNotFound(Backend delegate) {
            super(delegate);
        }

        @Override
        public WriteOutcome update(EntitySpec spec, PrimaryKey key, List<Assignment> assignments, Condition condition) {
            WriteOutcome outcome = delegate.update(spec, key, assignments, condition);
            return outcome instanceof WriteOutcome.NotApplied ? WriteOutcome.NotFound.INSTANCE : outcome;
        }
    }

    /** Serves reads from a cache that its own writes do not invalidate. */
    static final class StaleCache extends Delegating {
        private final Map<List<Object>, Optional<Row>> cache = new ConcurrentHashMap<>();

        StaleCache(Backend delegate) {
            super(delegate);
        }

        @Override
        public Optional<Row> find(EntitySpec spec, PrimaryKey key) {
            return cache.computeIfAbsent(List.of(spec.table(), key), ignored -> delegate.find(spec, key));
        }
    }

    /** Checks for an existing row, then puts its own: under a race, two inserts both apply. */
    static final class DoubleInsert extends Delegating {
        DoubleInsert(Backend delegate) {
            super(delegate);
        }

        @Override
        public WriteOutcome insertIfAbsent(EntitySpec spec, Row row) {
            PrimaryKey key = PrimaryKey.of(spec.keyColumns().stream().map(column -> row.asMap().get(column)).toArray());
            Optional<Row> existing = delegate.find(spec, key);
            if (existing.isPresent()) return new WriteOutcome.NotApplied(existing.get());
            pause();
            delegate.delete(spec, key, Condition.always());
            return delegate.insertIfAbsent(spec, row);
        }
    }

    /**
     * Applies a group write by write, each conditional on its own: the writes before a failing one stay applied (an
     * author who sends a group as separate statements, without a batch or a transaction).
     */
    static final class WriteByWriteGroup extends Delegating {
        WriteByWriteGroup(Backend delegate) {
            super(delegate);
        }

        @Override
        public boolean applyGroup(EntitySpec spec, List<GroupStatement> statements) {
            for (GroupStatement statement : statements) {
                WriteOutcome outcome;
                if (statement instanceof GroupStatement.Insert insert) {
                    outcome = delegate.insertIfAbsent(spec, insert.row());
                } else if (statement instanceof GroupStatement.Set set) {
                    outcome = delegate.update(spec, set.key(), List.copyOf(set.values()), set.condition());
                } else {
                    outcome = delegate.delete(spec, statement.key(), ((GroupStatement.Delete) statement).condition());
                }
                if (!(outcome instanceof WriteOutcome.Applied)) return false;
            }
            return true;
        }
    }

    /**
     * Not a broken backend: an honest one in an environment that loses responses. Every tenth update (counted across the
     * backend) is applied and its response lost: an unknown outcome, which a store without write identities cannot
     * always settle (the row proves nothing once another write has moved it on).
     */
    static final class UnsettledEveryTenthUpdate extends Delegating {
        private final java.util.concurrent.atomic.AtomicLong updates = new java.util.concurrent.atomic.AtomicLong();

        UnsettledEveryTenthUpdate(Backend delegate) {
            super(delegate);
        }

        @Override
        public WriteOutcome update(EntitySpec spec, PrimaryKey key, List<Assignment> assignments, Condition condition) {
            WriteOutcome outcome = delegate.update(spec, key, assignments, condition);
            if (updates.incrementAndGet() % 10 == 0) {
                throw new OutcomeUnknownException(spec.table(), key, OutcomeUnknownException.Resolution.UNKNOWN,
                        "the response of every tenth update is lost", null);
            }
            return outcome;
        }
    }

    /** Loses some responses and reports them as success, whether the write was applied or not. */
    static final class UnknownAsSuccess extends Delegating {
        UnknownAsSuccess(Backend lossy) {
            super(lossy);
        }

        @Override
        public WriteOutcome insertIfAbsent(EntitySpec spec, Row row) {
            try {
                return delegate.insertIfAbsent(spec, row);
            } catch (OutcomeUnknownException unknown) {
                return new WriteOutcome.Applied(row);
            }
        }

        @Override
        public WriteOutcome update(EntitySpec spec, PrimaryKey key, List<Assignment> assignments, Condition condition) {
            Optional<Row> before = delegate.find(spec, key);
            try {
                return delegate.update(spec, key, assignments, condition);
            } catch (OutcomeUnknownException unknown) {
                return new WriteOutcome.Applied(Assignments.apply(before.orElseThrow(() -> unknown), assignments));
            }
        }

        @Override
        public WriteOutcome delete(EntitySpec spec, PrimaryKey key, Condition condition) {
            try {
                return delegate.delete(spec, key, condition);
            } catch (OutcomeUnknownException unknown) {
                return new WriteOutcome.Applied(null);
            }
        }
    }

    static Backend lossyReference(String name) {
        return new MemoryStoreProvider().open("optilock:mem:" + name + "?lostResponseRate=0.15&seed="
                + ThreadLocalRandom.current().nextInt(), StoreOptions.defaults());
    }

    private static void pause() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
