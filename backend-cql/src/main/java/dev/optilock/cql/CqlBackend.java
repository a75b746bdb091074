package dev.optilock.cql;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.optilock.BackendException;
import dev.optilock.Capabilities;
import dev.optilock.Capability;
import dev.optilock.ColumnDefinition;
import dev.optilock.ColumnType;
import dev.optilock.Condition;
import dev.optilock.ContentionException;
import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.VersionKind;
import dev.optilock.cql.CqlStatements.Cql;
import dev.optilock.cql.CqlStatements.IfPart;
import dev.optilock.spi.Assignment;
import dev.optilock.spi.AsyncBackend;
import dev.optilock.spi.Stages;
import dev.optilock.spi.WriteOutcome;
import dev.optilock.spi.semantics.Assignments;
import dev.optilock.spi.semantics.Conditions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Cassandra / ScyllaDB backend: every write is one Lightweight Transaction, every read is at SERIAL (or
 * LOCAL_SERIAL) consistency. Operations are composed on the driver's async API and the {@link Backend}
 * methods wait for them.
 *
 * <p>Updates take one of two paths:
 * <ul>
 *   <li><b>one LWT</b> when the assignments are plain values and, together with the key and the columns the
 *       condition pins ({@code = value}, {@code IS NULL}), they determine the whole row after the write, so the
 *       row can be returned without reading it (Cassandra answers an applied LWT with {@code [applied]} only).
 *       ScyllaDB answers with the old row, so there every plain-value update takes this path once the backend
 *       has seen such an answer.</li>
 *   <li><b>read, then compare-and-set</b> otherwise (increments, a LONG or TIMESTAMP version that follows the
 *       current one, or columns the write leaves as they are): a SERIAL read, then one LWT whose {@code IF}
 *       holds the caller's condition and every non-key column's value as read, so that when it applies the
 *       row after it is exactly the read row with the assignments applied. When it does not apply, Cassandra
 *       returns every column of the {@code IF}, i.e. the whole current row: the condition is checked on it
 *       (not applied, with the whole row) or the write is tried again on it, with a short random pause,
 *       until the request timeout has passed.</li>
 * </ul>
 */
final class CqlBackend implements AsyncBackend {
    /** The most compare-and-set attempts of one update; the request timeout bounds them too. */
    static final int MAX_ATTEMPTS = 1000;
    private static final long DEFAULT_CONTENTION_NANOS = java.time.Duration.ofSeconds(10).toNanos();
    private static final int MAX_PREPARED = 4096;

    private final CqlSession session;
    private final boolean ownsSession;
    private final CqlSettings settings;
    private final CqlStatements statements;
    private final CqlSchema schema;
    private final Map<String, CompletableFuture<PreparedStatement>> prepared = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Learned from responses: the server returns the old row with an applied LWT (ScyllaDB does, Cassandra does not). */
    private volatile boolean oldRowOnApplied;

    CqlBackend(CqlSession session, boolean ownsSession, CqlSettings settings) {
        this.session = session;
        this.ownsSession = ownsSession;
        this.settings = settings;
        this.statements = new CqlStatements(settings.keyspace());
        this.schema = new CqlSchema(session, statements, settings);
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities("cassandra", EnumSet.noneOf(Capability.class));
    }

    @Override
    public void createTable(EntitySpec spec) {
        schema.createTable(spec);
    }

    @Override
    public Optional<Row> find(EntitySpec spec, PrimaryKey key) {
        return Stages.await(findAsync(spec, key));
    }

    @Override
    public WriteOutcome insertIfAbsent(EntitySpec spec, Row row) {
        return Stages.await(insertIfAbsentAsync(spec, row));
    }

    @Override
    public WriteOutcome update(EntitySpec spec, PrimaryKey key, List<Assignment> assignments, Condition condition) {
        return Stages.await(updateAsync(spec, key, assignments, condition));
    }

    @Override
    public WriteOutcome delete(EntitySpec spec, PrimaryKey key, Condition condition) {
        return Stages.await(deleteAsync(spec, key, condition));
    }

    @Override
    public CompletionStage<Optional<Row>> findAsync(EntitySpec spec, PrimaryKey key) {
        return Stages.start(() -> execute(statements.select(spec, key), false, spec, key, false).thenApply(result -> {
            com.datastax.oss.driver.api.core.cql.Row found = result.one();
            return found == null ? Optional.<Row>empty() : Optional.of(CqlValues.toRow(spec, key, found));
        }));
    }

    @Override
    public CompletionStage<WriteOutcome> insertIfAbsentAsync(EntitySpec spec, Row row) {
        return Stages.start(() -> {
            PrimaryKey key = spec.keyOf(row);
            Cql cql = statements.insert(spec, row.asMap());
            return execute(cql, true, spec, key, true).thenApply(result -> {
                com.datastax.oss.driver.api.core.cql.Row response = result.one();
                if (CqlValues.applied(response)) {
                    learnOldRow(spec, key, response);
                    return new WriteOutcome.Applied(CqlValues.ordered(spec, row));
                }
                Row existing = CqlValues.toRow(spec, key, response);
                return new WriteOutcome.NotApplied(exists(spec, existing) ? existing : null);
            });
        });
    }

    @Override
    public CompletionStage<WriteOutcome> updateAsync(EntitySpec spec, PrimaryKey key, List<Assignment> assignments, Condition condition) {
        return Stages.start(() -> {
            List<Assignment> normalized = new ArrayList<>(assignments.size());
            boolean needsCurrentRow = false;
            for (Assignment assignment : assignments) {
                if (assignment instanceof Assignment.NextVersion next && next.kind() == VersionKind.UUID) {
                    normalized.add(new Assignment.SetValue(next.column(), next.candidate()));
                } else {
                    normalized.add(assignment);
                    needsCurrentRow |= !(assignment instanceof Assignment.SetValue);
                }
            }
            List<IfPart> parts = CqlStatements.ifParts(spec, key, condition);
            if (parts == null) return currentRowUnwritten(spec, key);
            if (!needsCurrentRow) {
                Map<String, Object> sets = new LinkedHashMap<>();
                for (Assignment assignment : normalized) sets.put(assignment.column(), ((Assignment.SetValue) assignment).value());
                Row determined = determinedRow(spec, key, sets, parts);
                if (determined != null || oldRowOnApplied) {
                    return updateInOneStatement(spec, key, normalized, sets, parts, determined);
                }
            }
            long deadline = System.nanoTime() + (settings.timeout() == null ? DEFAULT_CONTENTION_NANOS : settings.timeout().toNanos());
            return compareAndSet(spec, key, normalized, condition, parts, null, 1, deadline);
        });
    }

    @Override
    public CompletionStage<WriteOutcome> deleteAsync(EntitySpec spec, PrimaryKey key, Condition condition) {
        return Stages.start(() -> {
            List<IfPart> parts = CqlStatements.ifParts(spec, key, condition);
            if (parts == null) return currentRowUnwritten(spec, key);
            List<IfPart> ifParts = guarded(spec, parts);
            Cql cql = statements.delete(spec, key, ifParts);
            return execute(cql, true, spec, key, false).thenApply(result -> {
                com.datastax.oss.driver.api.core.cql.Row response = result.one();
                if (CqlValues.applied(response)) return new WriteOutcome.Applied(learnOldRow(spec, key, response));
                return rejection(spec, key, ifParts, response);
            });
        });
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && ownsSession) {
            session.close();
        }
    }

    // ---- the two update paths ----

    private CompletionStage<WriteOutcome> updateInOneStatement(EntitySpec spec, PrimaryKey key, List<Assignment> assignments,
            Map<String, Object> sets, List<IfPart> parts, Row determined) {
        List<IfPart> ifParts = guarded(spec, parts);
        Cql cql = statements.update(spec, key, sets, ifParts);
        return execute(cql, true, spec, key, false).thenCompose(result -> {
            com.datastax.oss.driver.api.core.cql.Row response = result.one();
            if (!CqlValues.applied(response)) return CompletableFuture.completedFuture(rejection(spec, key, ifParts, response));
            Row old = learnOldRow(spec, key, response);
            if (old != null) return CompletableFuture.completedFuture(new WriteOutcome.Applied(Assignments.apply(old, assignments)));
            if (determined != null) return CompletableFuture.completedFuture(new WriteOutcome.Applied(determined));
            // Only after a server returned old rows and then did not: read the row the write produced.
            oldRowOnApplied = false;
            return findAsync(spec, key).thenApply(found -> new WriteOutcome.Applied(found.orElseGet(
                    () -> CqlValues.ordered(spec, Assignments.apply(keyRow(spec, key), assignments)))));
        });
    }

    private CompletionStage<WriteOutcome> compareAndSet(EntitySpec spec, PrimaryKey key, List<Assignment> assignments,
            Condition condition, List<IfPart> parts, Row snapshot, int attempt, long deadline) {
        if (snapshot == null) {
            return findAsync(spec, key).thenCompose(found -> found.isEmpty()
                    ? CompletableFuture.completedFuture(WriteOutcome.NotFound.INSTANCE)
                    : compareAndSet(spec, key, assignments, condition, parts, found.get(), attempt, deadline));
        }
        if (!Conditions.test(condition, snapshot)) {
            return CompletableFuture.completedFuture(new WriteOutcome.NotApplied(snapshot));
        }
        if (attempt > MAX_ATTEMPTS || attempt > 1 && System.nanoTime() - deadline > 0) {
            return CompletableFuture.failedFuture(new ContentionException(spec.table(), key, "update of " + spec.table() + " " + key
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
        return execute(cql, true, spec, key, false).thenCompose(result -> {
            com.datastax.oss.driver.api.core.cql.Row response = result.one();
            if (CqlValues.applied(response)) {
                learnOldRow(spec, key, response);
                return CompletableFuture.completedFuture(new WriteOutcome.Applied(CqlValues.ordered(spec, after)));
            }
            Row current = CqlValues.toRow(spec, key, response);
            if (!exists(spec, current)) return CompletableFuture.completedFuture(WriteOutcome.NotFound.INSTANCE);
            if (CqlValues.isComplete(spec, current) && current.equals(snapshot)) {
                // Nothing changed, so Cassandra found the caller's condition false on this row.
                return CompletableFuture.completedFuture(new WriteOutcome.NotApplied(current));
            }
            Row next = CqlValues.isComplete(spec, current) ? current : null;
            return pause(attempt).thenCompose(ignored ->
                    compareAndSet(spec, key, assignments, condition, parts, next, attempt + 1, deadline));
        });
    }

    /** The outcome of a write whose condition on the key columns is false: nothing is sent but a read. */
    private CompletionStage<WriteOutcome> currentRowUnwritten(EntitySpec spec, PrimaryKey key) {
        return findAsync(spec, key).thenApply(found -> found.<WriteOutcome>map(WriteOutcome.NotApplied::new)
                .orElse(WriteOutcome.NotFound.INSTANCE));
    }

    /** No pause before the second attempt, then a random one of up to 2^attempt ms (at most 50 ms): writers spread out. */
    private static CompletionStage<Void> pause(int attempt) {
        if (attempt < 2) return CompletableFuture.completedFuture(null);
        long millis = ThreadLocalRandom.current().nextLong(Math.min(50, 1L << Math.min(attempt, 6)) + 1);
        if (millis == 0) return CompletableFuture.completedFuture(null);
        return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
    }

    // ---- rows and conditions ----

    /**
     * The whole row after a plain-value update, when the key, the assignments and the columns the condition pins
     * determine it; null otherwise. Decimals are not taken from conditions (1.5 = 1.50 holds, but the scale differs).
     */
    private static Row determinedRow(EntitySpec spec, PrimaryKey key, Map<String, Object> sets, List<IfPart> parts) {
        Map<String, Object> values = new HashMap<>(keyRow(spec, key).asMap());
        for (IfPart part : parts) {
            if (spec.isKey(part.column())) continue;
            boolean decimal = spec.requireColumn(part.column()).type() == ColumnType.DECIMAL;
            if (part instanceof IfPart.Compare compare && compare.operator() == Condition.Operator.EQUAL && !decimal) {
                values.put(part.column(), compare.value());
            } else if (part instanceof IfPart.InList in && in.values().size() == 1 && !decimal) {
                values.put(part.column(), in.values().get(0));
            } else if (part instanceof IfPart.NullTest test && test.isNull()) {
                values.put(part.column(), null);
            }
        }
        values.putAll(sets);
        Row.Builder row = Row.builder();
        for (ColumnDefinition column : spec.columns()) {
            if (!values.containsKey(column.name())) return null;
            row.set(column.name(), values.get(column.name()));
        }
        return row.build();
    }

    /**
     * The condition's parts plus {@code version != null} unless a part already requires the version to be set.
     * Cassandra evaluates {@code IF} on a missing row as on a row of nulls ({@code IF n = null} applies and creates
     * the row!), so the guard makes every conditional write require the row to exist; and it makes every response
     * to a rejected write carry the actual version. An empty list stays empty: the statement then uses {@code IF EXISTS}.
     */
    private static List<IfPart> guarded(EntitySpec spec, List<IfPart> parts) {
        if (parts.isEmpty()) return parts;
        for (IfPart part : parts) {
            if (part.column().equals(spec.versionColumn()) && requiresValue(part)) return parts;
        }
        List<IfPart> guarded = new ArrayList<>(parts);
        guarded.add(new IfPart.NullTest(spec.versionColumn(), false));
        return guarded;
    }

    private static boolean requiresValue(IfPart part) {
        if (part instanceof IfPart.Compare compare) return compare.operator() != Condition.Operator.NOT_EQUAL && compare.value() != null;
        if (part instanceof IfPart.InList) return true;
        return part instanceof IfPart.NullTest test && !test.isNull();
    }

    /** The outcome of a rejected conditional write from the columns the response carries. */
    private static WriteOutcome rejection(EntitySpec spec, PrimaryKey key, List<IfPart> ifParts,
            com.datastax.oss.driver.api.core.cql.Row response) {
        if (ifParts.isEmpty()) return WriteOutcome.NotFound.INSTANCE; // IF EXISTS fails only on a missing row
        Row current = CqlValues.toRow(spec, key, response);
        return exists(spec, current) ? new WriteOutcome.NotApplied(current) : WriteOutcome.NotFound.INSTANCE;
    }

    /**
     * The complete old row an applied LWT's response carries (ScyllaDB), or null (Cassandra: {@code [applied]}
     * only). Remembers that the server returns old rows.
     */
    private Row learnOldRow(EntitySpec spec, PrimaryKey key, com.datastax.oss.driver.api.core.cql.Row response) {
        if (CqlValues.dataColumns(response) == 0) return null;
        Row old = CqlValues.toRow(spec, key, response);
        if (!CqlValues.isComplete(spec, old)) return null;
        oldRowOnApplied = true;
        return exists(spec, old) ? old : null;
    }

    /** Every row this backend writes has a version, so a response row without one stands for a missing row. */
    private static boolean exists(EntitySpec spec, Row row) {
        return row.has(spec.versionColumn()) && row.asMap().get(spec.versionColumn()) != null;
    }

    private static Row keyRow(EntitySpec spec, PrimaryKey key) {
        Row.Builder row = Row.builder();
        for (int i = 0; i < spec.keyColumns().size(); i++) row.set(spec.keyColumns().get(i), key.get(i));
        return row.build();
    }

    // ---- statements ----

    /**
     * Prepares (once per statement text), binds and sends a statement; fails with an Optilock exception.
     *
     * @param write whether it is an LWT: sent at the serial consistency for Paxos and the regular one for the
     *        commit, never retried by the driver; a read is sent at the serial consistency
     * @param unsetNulls whether null values are left unset instead of bound to null (no tombstones on insert)
     */
    private CompletionStage<AsyncResultSet> execute(Cql cql, boolean write, EntitySpec spec, PrimaryKey key, boolean unsetNulls) {
        String what = (write ? "write to " : "read of ") + spec.table() + " " + key;
        return prepare(cql.text(), spec).thenCompose(statement -> {
            BoundStatement bound;
            try {
                bound = bind(statement, cql.values(), write, unsetNulls);
            } catch (RuntimeException bindFailure) {
                return CompletableFuture.failedFuture(new BackendException("cannot bind the values of " + what + " to `"
                        + cql.text() + "` (does the table match the entity?): " + bindFailure.getMessage(), bindFailure));
            }
            CompletionStage<AsyncResultSet> sent;
            try {
                sent = session.executeAsync(bound);
            } catch (RuntimeException notSent) {
                sent = CompletableFuture.failedFuture(notSent);
            }
            return sent.handle((result, failure) -> {
                if (failure == null) return result;
                throw write ? CqlFailures.ofWrite(failure, spec.table(), key) : CqlFailures.ofRead(failure, what);
            });
        });
    }

    private CompletionStage<PreparedStatement> prepare(String text, EntitySpec spec) {
        CompletableFuture<PreparedStatement> cached = prepared.get(text);
        if (cached != null) return cached;
        if (prepared.size() >= MAX_PREPARED) prepared.clear();
        CompletableFuture<PreparedStatement> fresh = new CompletableFuture<>();
        CompletableFuture<PreparedStatement> raced = prepared.putIfAbsent(text, fresh);
        if (raced != null) return raced;
        CompletionStage<PreparedStatement> preparing;
        try {
            preparing = session.prepareAsync(text);
        } catch (RuntimeException failure) {
            preparing = CompletableFuture.failedFuture(failure);
        }
        preparing.whenComplete((statement, failure) -> {
            if (failure == null) {
                fresh.complete(statement);
            } else {
                prepared.remove(text, fresh);
                fresh.completeExceptionally(CqlFailures.ofRead(failure, "preparing a statement on table "
                        + settings.keyspace() + "." + spec.table()));
            }
        });
        return fresh;
    }

    private BoundStatement bind(PreparedStatement statement, List<Object> values, boolean write, boolean unsetNulls) {
        Object[] converted = new Object[values.size()];
        for (int i = 0; i < converted.length; i++) converted[i] = CqlValues.toDriver(values.get(i));
        BoundStatement bound = statement.bind(converted);
        if (unsetNulls) {
            for (int i = 0; i < converted.length; i++) {
                if (converted[i] == null) bound = bound.unset(i);
            }
        }
        if (write) {
            bound = bound.setConsistencyLevel(settings.consistency()).setSerialConsistencyLevel(settings.serialConsistency())
                    .setIdempotent(false);
        } else {
            bound = bound.setConsistencyLevel(settings.serialConsistency()).setIdempotent(true);
        }
        return settings.timeout() == null ? bound : bound.setTimeout(settings.timeout());
    }

    @Override
    public String toString() {
        return "CqlBackend[keyspace=" + settings.keyspace() + ", consistency=" + settings.consistency() + ", serialConsistency="
                + settings.serialConsistency() + "]";
    }
}
