package dev.optilock.spi;

import dev.optilock.Condition;
import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A backend with a native non-blocking API (such as the Cassandra driver's {@code executeAsync}). The async
 * repository then chains these stages instead of running the synchronous primitives on a thread pool. Same
 * contracts as the synchronous methods of {@link Backend}; failures complete the stage exceptionally with the
 * exception the synchronous method would throw. Stages may complete on the backend's I/O threads: they must
 * not be blocked on there.
 */
public interface AsyncBackend extends Backend {

    CompletionStage<Optional<Row>> findAsync(EntitySpec spec, PrimaryKey key);

    CompletionStage<WriteOutcome> insertIfAbsentAsync(EntitySpec spec, Row row);

    CompletionStage<WriteOutcome> updateAsync(EntitySpec spec, PrimaryKey key, List<Assignment> assignments, Condition condition);

    /** The async twin of {@link Backend#set}; the default is {@link #updateAsync}. */
    default CompletionStage<WriteOutcome> setAsync(EntitySpec spec, PrimaryKey key, List<Assignment.SetValue> values,
            Condition condition) {
        return updateAsync(spec, key, List.copyOf(values), condition);
    }

    CompletionStage<WriteOutcome> deleteAsync(EntitySpec spec, PrimaryKey key, Condition condition);

    /** The async twin of {@link Backend#findGroup}; the default runs it at once. */
    default CompletionStage<List<Optional<Row>>> findGroupAsync(EntitySpec spec, List<PrimaryKey> keys) {
        return Stages.start(() -> Stages.done(findGroup(spec, keys)));
    }

    /** The async twin of {@link Backend#applyGroup}; the default runs it at once. */
    default CompletionStage<Boolean> applyGroupAsync(EntitySpec spec, List<GroupStatement> statements) {
        return Stages.start(() -> Stages.done(applyGroup(spec, statements)));
    }
}
