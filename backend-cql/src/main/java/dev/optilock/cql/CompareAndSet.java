package dev.optilock.cql;

import dev.optilock.ColumnDefinition;
import dev.optilock.Condition;
import dev.optilock.ContentionException;
import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.cql.CqlStatements.Cql;
import dev.optilock.cql.CqlStatements.IfPart;
import dev.optilock.spi.Assignment;
import dev.optilock.spi.Stages;
import dev.optilock.spi.WriteOutcome;
import dev.optilock.spi.semantics.Assignments;
import dev.optilock.spi.semantics.Conditions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The read-then-compare-and-set path of an update: a SERIAL read, then one LWT whose {@code IF} holds the caller's
 * condition and every non-key column's value as read, so that when it applies the row after it is exactly the read
 * row with the assignments applied ({@link Assignments}). When it does not apply, Cassandra returns every column of
 * the {@code IF}, i.e. the whole current row: the condition is checked on it (not applied, with that row) or the
 * write is tried again on it, after a short random pause, until {@link #MAX_ATTEMPTS} or the request timeout; then
 * {@link ContentionException}, and nothing was written.
 */
final class CompareAndSet {
    /** The most compare-and-set attempts of one update; the request timeout bounds them too. */
    static final int MAX_ATTEMPTS = 1000;
    private static final long DEFAULT_CONTENTION_NANOS = Duration.ofSeconds(10).toNanos();

    private final CqlStatements statements;
    private final CqlRequests requests;
    private final CqlReads reads;
    private final AppliedResponses applied;
    private final long contentionNanos;

    CompareAndSet(CqlStatements statements, CqlRequests requests, CqlReads reads, AppliedResponses applied, Duration timeout) {
        this.statements = statements;
        this.requests = requests;
        this.reads = reads;
        this.applied = applied;
        this.contentionNanos = timeout == null ? DEFAULT_CONTENTION_NANOS : timeout.toNanos();
    }

    /** Applies {@code assignments} to the row with {@code key} if {@code condition} holds on it. */
    CompletionStage<WriteOutcome> update(EntitySpec spec, PrimaryKey key, List<Assignment> assignments, Condition condition,
            List<IfPart> parts) {
        return attempt(spec, key, assignments, condition, parts, null, 1, System.nanoTime() + contentionNanos);
    }

    private CompletionStage<WriteOutcome> attempt(EntitySpec spec, PrimaryKey key, List<Assignment> assignments,
            Condition condition, List<IfPart> parts, Row snapshot, int attempt, long deadline) {
        if (snapshot == null) {
            return reads.find(spec, key).thenCompose(found -> found.isEmpty()
                    ? Stages.<WriteOutcome>done(WriteOutcome.NotFound.INSTANCE)
                    : attempt(spec, key, assignments, condition, parts, found.get(), attempt, deadline));
        }
        if (!Conditions.test(condition, snapshot)) return Stages.done(new WriteOutcome.NotApplied(snapshot));
        if (attempt > MAX_ATTEMPTS || attempt > 1 && System.nanoTime() - deadline > 0) {
            return Stages.failed(new ContentionException(spec.table(), key, "update of " + spec.table() + " " + key
                    + " gave up after " + (attempt - 1) + " compare-and-set attempts because the row kept changing; nothing was"
                    + " written"));
        }
        Row after = Assignments.apply(snapshot, assignments);
        Map<String, Object> sets = new LinkedHashMap<>();
        for (Assignment assignment : assignments) sets.put(assignment.column(), after.asMap().get(assignment.column()));
        List<IfPart> ifParts = new ArrayList<>(parts);
        for (ColumnDefinition column : spec.columns()) {
            if (!spec.isKey(column.name())) {
                ifParts.add(new IfPart.Compare(column.name(), Condition.Operator.EQUAL, snapshot.asMap().get(column.name())));
            }
        }
        Cql cql = statements.update(spec, key, sets, ifParts);
        return requests.write(cql, spec, key, false).thenCompose(result -> {
            com.datastax.oss.driver.api.core.cql.Row response = result.one();
            if (CqlValues.applied(response)) {
                applied.oldRow(spec, key, response);
                return Stages.done(new WriteOutcome.Applied(CqlValues.ordered(spec, after)));
            }
            Row current = CqlValues.toRow(spec, key, response);
            if (!CqlValues.exists(spec, current)) return Stages.done(WriteOutcome.NotFound.INSTANCE);
            if (CqlValues.isComplete(spec, current) && current.equals(snapshot)) {
                // Nothing changed, so Cassandra found the caller's condition false on this row.
                return Stages.done(new WriteOutcome.NotApplied(current));
            }
            Row next = CqlValues.isComplete(spec, current) ? current : null;
            return pause(attempt).thenCompose(ignored ->
                    attempt(spec, key, assignments, condition, parts, next, attempt + 1, deadline));
        });
    }

    /** No pause before the second attempt, then a random one of up to 2^attempt ms (at most 50 ms): writers spread out. */
    private static CompletionStage<Void> pause(int attempt) {
        if (attempt < 2) return Stages.done(null);
        long millis = ThreadLocalRandom.current().nextLong(Math.min(50, 1L << Math.min(attempt, 6)) + 1);
        if (millis == 0) return Stages.done(null);
        return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
    }
}
