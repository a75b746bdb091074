package dev.optilock.internal;

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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The backend primitives as stages: completed at once for the synchronous path, or the backend's own
 * non-blocking stages for the native async path.
 */
interface BackendCalls {

    CompletionStage<Optional<Row>> find(EntitySpec spec, PrimaryKey key);

    CompletionStage<WriteOutcome> insertIfAbsent(EntitySpec spec, Row row);

    CompletionStage<WriteOutcome> update(EntitySpec spec, PrimaryKey key, List<Assignment> assignments, Condition condition);

    CompletionStage<WriteOutcome> set(EntitySpec spec, PrimaryKey key, List<Assignment.SetValue> values, Condition condition);

    CompletionStage<WriteOutcome> delete(EntitySpec spec, PrimaryKey key, Condition condition);

    CompletionStage<List<Optional<Row>>> findGroup(EntitySpec spec, List<PrimaryKey> keys);

    CompletionStage<Boolean> applyGroup(EntitySpec spec, List<GroupStatement> statements);

    /** Calls the synchronous primitives on the caller's thread. */
    static BackendCalls blocking(Supplier<Backend> backend) {
        return new BackendCalls() {
            @Override
            public CompletionStage<Optional<Row>> find(EntitySpec spec, PrimaryKey key) {
                return Stages.start(() -> Stages.done(backend.get().find(spec, key)));
            }

            @Override
            public CompletionStage<WriteOutcome> insertIfAbsent(EntitySpec spec, Row row) {
                return Stages.start(() -> Stages.done(backend.get().insertIfAbsent(spec, row)));
            }

            @Override
            public CompletionStage<WriteOutcome> update(EntitySpec spec, PrimaryKey key, List<Assignment> assignments, Condition condition) {
                return Stages.start(() -> Stages.done(backend.get().update(spec, key, assignments, condition)));
            }

            @Override
            public CompletionStage<WriteOutcome> set(EntitySpec spec, PrimaryKey key, List<Assignment.SetValue> values, Condition condition) {
                return Stages.start(() -> Stages.done(backend.get().set(spec, key, values, condition)));
            }

            @Override
            public CompletionStage<WriteOutcome> delete(EntitySpec spec, PrimaryKey key, Condition condition) {
                return Stages.start(() -> Stages.done(backend.get().delete(spec, key, condition)));
            }

            @Override
            public CompletionStage<List<Optional<Row>>> findGroup(EntitySpec spec, List<PrimaryKey> keys) {
                return Stages.start(() -> Stages.done(backend.get().findGroup(spec, keys)));
            }

            @Override
            public CompletionStage<Boolean> applyGroup(EntitySpec spec, List<GroupStatement> statements) {
                return Stages.start(() -> Stages.done(backend.get().applyGroup(spec, statements)));
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
