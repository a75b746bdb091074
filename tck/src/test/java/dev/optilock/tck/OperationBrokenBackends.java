package dev.optilock.tck;

import dev.optilock.Capabilities;
import dev.optilock.Condition;
import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.spi.Assignment;
import dev.optilock.spi.AsyncBackend;
import dev.optilock.spi.Backend;
import dev.optilock.spi.GroupStatement;
import dev.optilock.spi.Stages;
import dev.optilock.spi.WriteOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Broken backends whose operations, not values, are wrong in one realistic way each. */
final class OperationBrokenBackends {
    private OperationBrokenBackends() {
    }

    /** Cassandra's {@code INSERT} without {@code IF NOT EXISTS}: an insert overwrites the row that has its key. */
    static final class InsertOverwrites extends BrokenBackends.Delegating {
        InsertOverwrites(Backend delegate) {
            super(delegate);
        }

        @Override
        public WriteOutcome insertIfAbsent(EntitySpec spec, Row row) {
            delegate.delete(spec, spec.keyOf(row), Condition.always());
            return delegate.insertIfAbsent(spec, row);
        }
    }

    /**
     * Computes increments in the client from a read of the row, with Java's wrapping arithmetic, and writes the sums as
     * plain values under {@link #guard}; writes without increments are delegated as they are.
     */
    abstract static class ClientSideIncrement extends BrokenBackends.Delegating {
        ClientSideIncrement(Backend delegate) {
            super(delegate);
        }

        /** The condition the computed values are written under, given the row they were computed from. */
        abstract Condition guard(EntitySpec spec, Row current, Condition condition);

        @Override
        public final WriteOutcome update(EntitySpec spec, PrimaryKey key, List<Assignment> assignments, Condition condition) {
            if (assignments.stream().noneMatch(Assignment.Increment.class::isInstance)) {
                return delegate.update(spec, key, assignments, condition);
            }
            Optional<Row> current = delegate.find(spec, key);
            if (current.isEmpty()) return WriteOutcome.NotFound.INSTANCE;
            List<Assignment> computed = new ArrayList<>();
            for (Assignment assignment : assignments) {
                computed.add(assignment instanceof Assignment.Increment increment
                        ? new Assignment.SetValue(increment.column(), wrapped(current.get().get(increment.column()), increment.delta()))
                        : assignment);
            }
            return delegate.update(spec, key, computed, guard(spec, current.get(), condition));
        }

        private static Object wrapped(Object value, Number delta) {
            if (delta instanceof Integer d) return (value == null ? 0 : (Integer) value) + d;
            if (delta instanceof Long d) return (value == null ? 0L : (Long) value) + d;
            if (delta instanceof Double d) return (value == null ? 0.0 : (Double) value) + d;
            return ((java.math.BigDecimal) (value == null ? java.math.BigDecimal.ZERO : value)).add((java.math.BigDecimal) delta);
        }
    }

    /**
     * Wraps on overflow (and pins the row it read, so its increments stay atomic): {@code Long.MAX_VALUE + 1} becomes
     * {@code Long.MIN_VALUE} instead of an error.
     */
    static final class IncrementWraps extends ClientSideIncrement {
        IncrementWraps(Backend delegate) {
            super(delegate);
        }

        @Override
        Condition guard(EntitySpec spec, Row current, Condition condition) {
            return condition.and(Condition.equalTo(spec.versionColumn(), current.get(spec.versionColumn())));
        }
    }

    /**
     * Writes the sums under the caller's condition only: two concurrent increments can both read the same value, and one
     * is lost.
     */
    static final class LostIncrement extends ClientSideIncrement {
        LostIncrement(Backend delegate) {
            super(delegate);
        }

        @Override
        Condition guard(EntitySpec spec, Row current, Condition condition) {
            Thread.yield();
            return condition;
        }
    }

    /**
     * Reads the row it reports for a refused write after the write, outside it (as a backend does that sends the
     * conditional statement in one transaction and the conflict read in another): while other writers change the row
     * back and forth, the row it reports can satisfy the condition that was refused.
     */
    static final class ConflictReadAfterTheWrite extends BrokenBackends.Delegating {
        ConflictReadAfterTheWrite(Backend delegate) {
            super(delegate);
        }

        @Override
        public WriteOutcome update(EntitySpec spec, PrimaryKey key, List<Assignment> assignments, Condition condition) {
            WriteOutcome outcome = delegate.update(spec, key, assignments, condition);
            if (!(outcome instanceof WriteOutcome.NotApplied)) return outcome;
            pause();
            return delegate.find(spec, key).<WriteOutcome>map(WriteOutcome.NotApplied::new).orElse(WriteOutcome.NotFound.INSTANCE);
        }
    }

    /**
     * Makes its writes safe with a lock of its own instead of the database's conditions: it reads, checks and writes
     * unconditionally under a lock of this backend object. Right within one store; two stores on one database (two
     * instances of an application) race past each other.
     */
    static final class ProcessLockOnly extends BrokenBackends.Delegating {
        ProcessLockOnly(Backend delegate) {
            super(delegate);
        }

        @Override
        public synchronized WriteOutcome insertIfAbsent(EntitySpec spec, Row row) {
            Optional<Row> existing = delegate.find(spec, spec.keyOf(row));
            if (existing.isPresent()) return new WriteOutcome.NotApplied(existing.get());
            pause();
            delegate.delete(spec, spec.keyOf(row), Condition.always());
            return delegate.insertIfAbsent(spec, row);
        }

        @Override
        public synchronized WriteOutcome update(EntitySpec spec, PrimaryKey key, List<Assignment> assignments, Condition condition) {
            Optional<Row> current = delegate.find(spec, key);
            if (current.isEmpty()) return WriteOutcome.NotFound.INSTANCE;
            if (!dev.optilock.spi.semantics.Conditions.test(condition, current.get())) return new WriteOutcome.NotApplied(current.get());
            pause();
            return delegate.update(spec, key, assignments, Condition.always());
        }
    }

    /** Sends a group's statements without their conditions: every group applies, whatever the rows hold. */
    static final class GroupIgnoresConditions extends BrokenBackends.Delegating {
        GroupIgnoresConditions(Backend delegate) {
            super(delegate);
        }

        @Override
        public boolean applyGroup(EntitySpec spec, List<GroupStatement> statements) {
            List<GroupStatement> unconditional = new ArrayList<>();
            for (GroupStatement statement : statements) {
                if (statement instanceof GroupStatement.Set set) {
                    unconditional.add(new GroupStatement.Set(set.key(), set.values(), Condition.always()));
                } else if (statement instanceof GroupStatement.Delete delete) {
                    unconditional.add(new GroupStatement.Delete(delete.key(), Condition.always()));
                } else {
                    unconditional.add(statement);
                }
            }
            return delegate.applyGroup(spec, unconditional);
        }
    }

    /**
     * A native async backend whose async update forgets the caller's comparisons (it keeps the version and the null
     * tests it was written for): the sync path is right, the async one is not.
     */
    static final class AsyncDropsComparisons extends BrokenBackends.Delegating implements AsyncBackend {
        AsyncDropsComparisons(Backend delegate) {
            super(delegate);
        }

        @Override
        public Capabilities capabilities() {
            return delegate.capabilities();
        }

        @Override
        public CompletionStage<Optional<Row>> findAsync(EntitySpec spec, PrimaryKey key) {
            return Stages.completed(() -> find(spec, key));
        }

        @Override
        public CompletionStage<WriteOutcome> insertIfAbsentAsync(EntitySpec spec, Row row) {
            return Stages.completed(() -> insertIfAbsent(spec, row));
        }

        @Override
        public CompletionStage<WriteOutcome> updateAsync(EntitySpec spec, PrimaryKey key, List<Assignment> assignments,
                Condition condition) {
            return Stages.completed(() -> update(spec, key, assignments, keptParts(spec, condition)));
        }

        @Override
        public CompletionStage<WriteOutcome> deleteAsync(EntitySpec spec, PrimaryKey key, Condition condition) {
            return Stages.completed(() -> delete(spec, key, condition));
        }

        private static Condition keptParts(EntitySpec spec, Condition condition) {
            if (condition instanceof Condition.All all) {
                return Condition.all(all.conditions().stream().map(part -> keptParts(spec, part)).toArray(Condition[]::new));
            }
            if (condition instanceof Condition.Comparison comparison && !comparison.column().equals(spec.versionColumn())) {
                return Condition.always();
            }
            return condition;
        }
    }

    /** A millisecond in which another thread can run. */
    private static void pause() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
