package dev.optilock.cql;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.optilock.Capabilities;
import dev.optilock.Capability;
import dev.optilock.Condition;
import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.cql.CqlStatements.Cql;
import dev.optilock.cql.CqlStatements.IfPart;
import dev.optilock.spi.Assignment;
import dev.optilock.spi.AsyncBackend;
import dev.optilock.spi.GroupStatement;
import dev.optilock.spi.PreparedSet;
import dev.optilock.spi.Stages;
import dev.optilock.spi.WriteOutcome;
import dev.optilock.spi.semantics.Assignments;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Cassandra / ScyllaDB backend: every write is one Lightweight Transaction, every read is at SERIAL (or
 * LOCAL_SERIAL) consistency. Operations are composed on the driver's async API; the {@link dev.optilock.spi.Backend}
 * methods wait for them with {@link Stages#await}.
 *
 * <p>This class composes the operations; the parts have classes of their own: {@link CqlRequests} sends statements
 * (preparing, binding, consistency, failure translation), {@link UpdatePlan} chooses how an update is sent,
 * {@link CompareAndSet} runs the read-then-compare-and-set path, {@link AppliedResponses} learns what the server
 * returns for an applied LWT, and {@link CqlStatements} renders the CQL.
 */
final class CqlBackend implements AsyncBackend {
    private final CqlSession session;
    private final boolean ownsSession;
    private final CqlSettings settings;
    private final CqlStatements statements;
    private final CqlSchema schema;
    private final CqlRequests requests;
    private final CqlReads reads;
    private final AppliedResponses applied = new AppliedResponses();
    private final CompareAndSet compareAndSet;
    private final CqlGroups groups;
    private final AtomicBoolean closed = new AtomicBoolean();

    CqlBackend(CqlSession session, boolean ownsSession, CqlSettings settings) {
        this.session = session;
        this.ownsSession = ownsSession;
        this.settings = settings;
        this.statements = new CqlStatements(settings.keyspace());
        this.schema = new CqlSchema(session, statements, settings);
        this.requests = new CqlRequests(session, settings);
        this.reads = new CqlReads(statements, requests);
        this.compareAndSet = new CompareAndSet(statements, requests, reads, applied, settings.timeout());
        this.groups = new CqlGroups(statements, requests);
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities("cassandra", EnumSet.noneOf(Capability.class));
    }

    @Override
    public void createTable(EntitySpec spec) {
        schema.createTable(spec);
    }

    /** Reads {@code system.local} from a node (within the store timeout, when there is one). */
    @Override
    public void ping() {
        com.datastax.oss.driver.api.core.cql.SimpleStatement read =
                com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance("SELECT release_version FROM system.local");
        if (settings.timeout() != null) read = read.setTimeout(settings.timeout());
        try {
            session.execute(read);
        } catch (com.datastax.oss.driver.api.core.DriverException e) {
            throw new dev.optilock.BackendUnavailableException("cassandra did not answer a read of system.local: " + e.getMessage(), e);
        }
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
    public WriteOutcome set(EntitySpec spec, PrimaryKey key, List<Assignment.SetValue> values, Condition condition) {
        return Stages.await(setAsync(spec, key, values, condition));
    }

    @Override
    public WriteOutcome delete(EntitySpec spec, PrimaryKey key, Condition condition) {
        return Stages.await(deleteAsync(spec, key, condition));
    }

    @Override
    public CompletionStage<Optional<Row>> findAsync(EntitySpec spec, PrimaryKey key) {
        return Stages.start(() -> reads.find(spec, key));
    }

    @Override
    public CompletionStage<WriteOutcome> insertIfAbsentAsync(EntitySpec spec, Row row) {
        return Stages.start(() -> {
            PrimaryKey key = spec.keyOf(row);
            Cql cql = statements.insert(spec, row.asMap());
            return requests.write(cql, spec, key, true).thenApply(result -> {
                com.datastax.oss.driver.api.core.cql.Row response = result.one();
                if (CqlValues.applied(response)) {
                    applied.oldRow(spec, key, response);
                    return new WriteOutcome.Applied(CqlValues.ordered(spec, row));
                }
                Row existing = CqlValues.toRow(spec, key, response);
                return new WriteOutcome.NotApplied(CqlValues.exists(spec, existing) ? existing : null);
            });
        });
    }

    @Override
    public CompletionStage<WriteOutcome> updateAsync(EntitySpec spec, PrimaryKey key, List<Assignment> assignments, Condition condition) {
        return Stages.start(() -> {
            UpdatePlan plan = UpdatePlan.of(spec, key, assignments, condition, applied.carryOldRow());
            if (plan instanceof UpdatePlan.OneStatement one) return updateInOneStatement(spec, key, one);
            if (plan instanceof UpdatePlan.ReadThenCompareAndSet read) {
                return compareAndSet.update(spec, key, read.assignments(), condition, read.parts());
            }
            return reads.unwritten(spec, key);
        });
    }

    /** One LWT always: the caller needs no row after it, so an applied answer is {@code Applied(null)}. */
    @Override
    public CompletionStage<WriteOutcome> setAsync(EntitySpec spec, PrimaryKey key, List<Assignment.SetValue> values,
            Condition condition) {
        return Stages.start(() -> {
            List<IfPart> parts = CqlStatements.ifParts(spec, key, condition);
            if (parts == null) return reads.unwritten(spec, key);
            List<IfPart> ifParts = CqlStatements.guarded(spec, parts);
            Map<String, Object> sets = new LinkedHashMap<>();
            for (Assignment.SetValue value : values) sets.put(value.column(), value.value());
            Cql cql = statements.update(spec, key, sets, ifParts);
            return requests.write(cql, spec, key, false).thenApply(result -> {
                com.datastax.oss.driver.api.core.cql.Row response = result.one();
                if (!CqlValues.applied(response)) return rejection(spec, key, ifParts, response);
                return new WriteOutcome.Applied(applied.oldRow(spec, key, response));
            });
        });
    }

    /**
     * One LWT per call, rendered and prepared once for the shape ({@link CqlPreparedSet}): what {@link #set} sends for
     * the same values and condition.
     *
     * @throws IllegalArgumentException if a column is not one of {@code spec}'s, or {@code columns} names a key column
     */
    @Override
    public PreparedSet prepareSet(EntitySpec spec, List<String> columns, List<String> nullColumns) {
        for (String column : columns) {
            spec.requireColumn(column);
            if (spec.isKey(column)) throw new IllegalArgumentException("columns must not name the key column " + column);
        }
        for (String column : nullColumns) spec.requireColumn(column);
        List<String> set = List.copyOf(columns);
        return new CqlPreparedSet(spec, set, statements.preparedSet(spec, set, List.copyOf(nullColumns)), requests);
    }

    @Override
    public CompletionStage<WriteOutcome> deleteAsync(EntitySpec spec, PrimaryKey key, Condition condition) {
        return Stages.start(() -> {
            List<IfPart> parts = CqlStatements.ifParts(spec, key, condition);
            if (parts == null) return reads.unwritten(spec, key);
            List<IfPart> ifParts = CqlStatements.guarded(spec, parts);
            Cql cql = statements.delete(spec, key, ifParts);
            return requests.write(cql, spec, key, false).thenApply(result -> {
                com.datastax.oss.driver.api.core.cql.Row response = result.one();
                if (CqlValues.applied(response)) return new WriteOutcome.Applied(applied.oldRow(spec, key, response));
                return rejection(spec, key, ifParts, response);
            });
        });
    }

    @Override
    public List<Optional<Row>> findGroup(EntitySpec spec, List<PrimaryKey> keys) {
        return Stages.await(findGroupAsync(spec, keys));
    }

    @Override
    public boolean applyGroup(EntitySpec spec, List<GroupStatement> statements) {
        return Stages.await(applyGroupAsync(spec, statements));
    }

    @Override
    public CompletionStage<List<Optional<Row>>> findGroupAsync(EntitySpec spec, List<PrimaryKey> keys) {
        return groups.find(spec, keys);
    }

    /** One conditional batch (one Paxos round on the partition); see {@link CqlGroups}. */
    @Override
    public CompletionStage<Boolean> applyGroupAsync(EntitySpec spec, List<GroupStatement> statements) {
        return groups.apply(spec, statements);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && ownsSession) {
            session.close();
        }
    }

    private CompletionStage<WriteOutcome> updateInOneStatement(EntitySpec spec, PrimaryKey key, UpdatePlan.OneStatement plan) {
        List<IfPart> ifParts = CqlStatements.guarded(spec, plan.parts());
        Cql cql = statements.update(spec, key, plan.sets(), ifParts);
        return requests.write(cql, spec, key, false).thenCompose(result -> {
            com.datastax.oss.driver.api.core.cql.Row response = result.one();
            if (!CqlValues.applied(response)) return Stages.done(rejection(spec, key, ifParts, response));
            Row old = applied.oldRow(spec, key, response);
            if (old != null) return Stages.done(new WriteOutcome.Applied(Assignments.apply(old, plan.assignments())));
            if (plan.determined() != null) return Stages.done(new WriteOutcome.Applied(plan.determined()));
            // Only after a server returned old rows and then did not: read the row the write produced.
            applied.forgetOldRows();
            return reads.find(spec, key).thenApply(found -> new WriteOutcome.Applied(found.orElseGet(
                    () -> CqlValues.ordered(spec, Assignments.apply(CqlValues.keyRow(spec, key), plan.assignments())))));
        });
    }

    /** The outcome of a rejected conditional write from the columns the response carries. */
    private static WriteOutcome rejection(EntitySpec spec, PrimaryKey key, List<IfPart> ifParts,
            com.datastax.oss.driver.api.core.cql.Row response) {
        if (ifParts.isEmpty()) return WriteOutcome.NotFound.INSTANCE; // IF EXISTS fails only on a missing row
        return rejection(spec, key, response);
    }

    /**
     * The outcome of a rejected write with {@code IF} parts (not {@code IF EXISTS}): {@code NotApplied} with the columns
     * the response carries, or {@code NotFound} when they show no row.
     */
    static WriteOutcome rejection(EntitySpec spec, PrimaryKey key, com.datastax.oss.driver.api.core.cql.Row response) {
        Row current = CqlValues.toRow(spec, key, response);
        return CqlValues.exists(spec, current) ? new WriteOutcome.NotApplied(current) : WriteOutcome.NotFound.INSTANCE;
    }

    @Override
    public String toString() {
        return "CqlBackend[keyspace=" + settings.keyspace() + ", consistency=" + settings.consistency() + ", serialConsistency="
                + settings.serialConsistency() + "]";
    }
}
