package dev.optilock.internal;

import dev.optilock.Condition;
import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.spi.Assignment;
import dev.optilock.spi.AsyncBackend;
import dev.optilock.spi.Backend;
import dev.optilock.spi.GroupStatement;
import dev.optilock.spi.PreparedSet;
import dev.optilock.spi.Stages;
import dev.optilock.spi.WriteOutcome;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The backend primitives as stages: completed at once for the synchronous path, or the backend's own
 * non-blocking stages for the native async path.
 */
interface BackendCalls {
    /**
     * The stage of the most frequent answer, an applied prepared set, made once: a completed future holds no state a
     * caller could change or wait on (completing it again has no effect), so every call may share it.
     */
    CompletableFuture<WriteOutcome> APPLIED_WITHOUT_ROW = Stages.done(WriteOutcome.Applied.WITHOUT_ROW);

    CompletionStage<Optional<Row>> find(EntitySpec spec, PrimaryKey key);

    CompletionStage<WriteOutcome> insertIfAbsent(EntitySpec spec, Row row);

    CompletionStage<WriteOutcome> update(EntitySpec spec, PrimaryKey key, List<Assignment> assignments, Condition condition);

    CompletionStage<WriteOutcome> set(EntitySpec spec, PrimaryKey key, List<Assignment.SetValue> values, Condition condition);

    CompletionStage<WriteOutcome> delete(EntitySpec spec, PrimaryKey key, Condition condition);

    /**
     * Whether versioned writes may go through {@link #prepareSet}: not on the native async calls, which send them
     * through {@link #set} one by one.
     */
    boolean prepares();

    /** The backend's {@link PreparedSet} of this shape ({@link Backend#prepareSet}); only where {@link #prepares()}. */
    PreparedSet prepareSet(EntitySpec spec, List<String> columns, List<String> nullColumns);

    /** Sends one call of a set {@link #prepareSet} prepared. */
    CompletionStage<WriteOutcome> set(PreparedSet prepared, PrimaryKey key, Object[] values, Object expectedVersion);

    CompletionStage<List<Optional<Row>>> findGroup(EntitySpec spec, List<PrimaryKey> keys);

    CompletionStage<Boolean> applyGroup(EntitySpec spec, List<GroupStatement> statements);

    /**
     * Calls the synchronous primitives on the caller's thread; what they throw becomes a failed stage (written out per
     * method rather than through {@link Stages#start}, which would cost a lambda per call on the write path).
     */
    static BackendCalls blocking(Supplier<Backend> backend) {
        return new BackendCalls() {
            @Override
            public CompletionStage<Optional<Row>> find(EntitySpec spec, PrimaryKey key) {
                try {
                    return Stages.done(backend.get().find(spec, key));
                } catch (RuntimeException | Error failure) {
                    return Stages.failed(failure);
                }
            }

            @Override
            public CompletionStage<WriteOutcome> insertIfAbsent(EntitySpec spec, Row row) {
                try {
                    return Stages.done(backend.get().insertIfAbsent(spec, row));
                } catch (RuntimeException | Error failure) {
                    return Stages.failed(failure);
                }
            }

            @Override
            public CompletionStage<WriteOutcome> update(EntitySpec spec, PrimaryKey key, List<Assignment> assignments, Condition condition) {
                try {
                    return Stages.done(backend.get().update(spec, key, assignments, condition));
                } catch (RuntimeException | Error failure) {
                    return Stages.failed(failure);
                }
            }

            @Override
            public CompletionStage<WriteOutcome> set(EntitySpec spec, PrimaryKey key, List<Assignment.SetValue> values, Condition condition) {
                try {
                    return Stages.done(backend.get().set(spec, key, values, condition));
                } catch (RuntimeException | Error failure) {
                    return Stages.failed(failure);
                }
            }

            @Override
            public CompletionStage<WriteOutcome> delete(EntitySpec spec, PrimaryKey key, Condition condition) {
                try {
                    return Stages.done(backend.get().delete(spec, key, condition));
                } catch (RuntimeException | Error failure) {
                    return Stages.failed(failure);
                }
            }

            @Override
            public boolean prepares() {
                return true;
            }

            @Override
            public PreparedSet prepareSet(EntitySpec spec, List<String> columns, List<String> nullColumns) {
                return backend.get().prepareSet(spec, columns, nullColumns);
            }

            @Override
            public CompletionStage<WriteOutcome> set(PreparedSet prepared, PrimaryKey key, Object[] values, Object expectedVersion) {
                try {
                    backend.get(); // fails once the store is closed, as every other call does
                    WriteOutcome outcome = prepared.set(key, values, expectedVersion);
                    return outcome == WriteOutcome.Applied.WITHOUT_ROW ? APPLIED_WITHOUT_ROW : Stages.done(outcome);
                } catch (RuntimeException | Error failure) {
                    return Stages.failed(failure);
                }
            }

            @Override
            public CompletionStage<List<Optional<Row>>> findGroup(EntitySpec spec, List<PrimaryKey> keys) {
                try {
                    return Stages.done(backend.get().findGroup(spec, keys));
                } catch (RuntimeException | Error failure) {
                    return Stages.failed(failure);
                }
            }

            @Override
            public CompletionStage<Boolean> applyGroup(EntitySpec spec, List<GroupStatement> statements) {
                try {
                    return Stages.done(backend.get().applyGroup(spec, statements));
                } catch (RuntimeException | Error failure) {
                    return Stages.failed(failure);
                }
            }
        };
    }

    /** Calls the backend's native async primitives. */
    static BackendCalls nonBlocking(Supplier<AsyncBackend> backend) {
        return new BackendCalls() {
            @Override
            public CompletionStage<Optional<Row>> find(EntitySpec spec, PrimaryKey key) {
                return Stages.start(() -> backend.get().findAsync(spec, key));
            }

            @Override
            public CompletionStage<WriteOutcome> insertIfAbsent(EntitySpec spec, Row row) {
                return Stages.start(() -> backend.get().insertIfAbsentAsync(spec, row));
            }

            @Override
            public CompletionStage<WriteOutcome> update(EntitySpec spec, PrimaryKey key, List<Assignment> assignments, Condition condition) {
                return Stages.start(() -> backend.get().updateAsync(spec, key, assignments, condition));
            }

            @Override
            public CompletionStage<WriteOutcome> set(EntitySpec spec, PrimaryKey key, List<Assignment.SetValue> values, Condition condition) {
                return Stages.start(() -> backend.get().setAsync(spec, key, values, condition));
            }

            @Override
            public CompletionStage<WriteOutcome> delete(EntitySpec spec, PrimaryKey key, Condition condition) {
                return Stages.start(() -> backend.get().deleteAsync(spec, key, condition));
            }

            @Override
            public boolean prepares() {
                return false;
            }

            @Override
            public PreparedSet prepareSet(EntitySpec spec, List<String> columns, List<String> nullColumns) {
                throw new UnsupportedOperationException("the native async calls prepare no sets");
            }

            @Override
            public CompletionStage<WriteOutcome> set(PreparedSet prepared, PrimaryKey key, Object[] values, Object expectedVersion) {
                throw new UnsupportedOperationException("the native async calls prepare no sets");
            }

            @Override
            public CompletionStage<List<Optional<Row>>> findGroup(EntitySpec spec, List<PrimaryKey> keys) {
                return Stages.start(() -> backend.get().findGroupAsync(spec, keys));
            }

            @Override
            public CompletionStage<Boolean> applyGroup(EntitySpec spec, List<GroupStatement> statements) {
                return Stages.start(() -> backend.get().applyGroupAsync(spec, statements));
            }
        };
    }
}
