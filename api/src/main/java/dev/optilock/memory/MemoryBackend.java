package dev.optilock.memory;

import dev.optilock.BackendException;
import dev.optilock.Capabilities;
import dev.optilock.Capability;
import dev.optilock.Condition;
import dev.optilock.EntitySpec;
import dev.optilock.OutcomeUnknownException;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.spi.Assignment;
import dev.optilock.spi.GroupStatement;
import dev.optilock.spi.AsyncBackend;
import dev.optilock.spi.Stages;
import dev.optilock.spi.WriteOutcome;
import dev.optilock.spi.semantics.Assignments;
import dev.optilock.spi.semantics.Conditions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The reference backend: every table is a map from key to row, and every operation holds one lock, so it
 * is linearizable by construction. Its async primitives run at once and return completed stages (memory never waits for I/O). It is the oracle the TCK compares real backends with.
 *
 * <p>For tests of unknown outcomes it can lose responses: with probability {@code lostResponseRate}, a
 * write is applied or not (at random) and then reported as {@link OutcomeUnknownException}.
 */
public final class MemoryBackend implements AsyncBackend {
    private final Database database;
    private final double lostResponseRate;
    private final Random random;

    /** A backend on a private database that never loses responses. */
    public MemoryBackend() {
        this(new Database(), 0.0, 0L);
    }

    MemoryBackend(Database database, double lostResponseRate, long seed) {
        this.database = database;
        this.lostResponseRate = lostResponseRate;
        this.random = new Random(seed);
    }

    /** The tables of one named in-memory database; shared by every backend opened with its name. */
    static final class Database {
        final Map<String, EntitySpec> specs = new HashMap<>();
        final Map<String, Map<PrimaryKey, Row>> tables = new HashMap<>();
    }

    /** Nothing to reach: the rows live in this JVM. */
    @Override
    public void ping() {
    }

    @Override
    public Capabilities capabilities() {
        Set<Capability> features = EnumSet.of(Capability.DEFINITIVE_READS, Capability.CURRENT_ROW_ON_CONFLICT);
        if (lostResponseRate > 0) features.add(Capability.FAULT_INJECTION);
        return new Capabilities("memory", features);
    }

    @Override
    public void createTable(EntitySpec spec) {
        synchronized (database) {
            EntitySpec existing = database.specs.get(spec.table());
            if (existing != null && !existing.equals(spec)) {
                throw new BackendException("table " + spec.table() + " exists with another definition: " + existing, null);
            }
            database.specs.put(spec.table(), spec);
            database.tables.computeIfAbsent(spec.table(), table -> new HashMap<>());
        }
    }

    @Override
    public Optional<Row> find(EntitySpec spec, PrimaryKey key) {
        synchronized (database) {
            return Optional.ofNullable(table(spec).get(key));
        }
    }

    @Override
    public WriteOutcome insertIfAbsent(EntitySpec spec, Row row) {
        PrimaryKey key = spec.keyOf(row);
        synchronized (database) {
            Map<PrimaryKey, Row> table = table(spec);
            Row existing = table.get(key);
            boolean lose = loseResponse();
            if (existing != null) {
                return lost(lose, spec, key, new WriteOutcome.NotApplied(existing));
            }
            if (!lose || random.nextBoolean()) table.put(key, row);
            return lost(lose, spec, key, new WriteOutcome.Applied(row));
        }
    }

    @Override
    public WriteOutcome update(EntitySpec spec, PrimaryKey key, List<Assignment> assignments, Condition condition) {
        synchronized (database) {
            Map<PrimaryKey, Row> table = table(spec);
            Row current = table.get(key);
            boolean lose = loseResponse();
            if (current == null) return lost(lose, spec, key, WriteOutcome.NotFound.INSTANCE);
            if (!Conditions.test(condition, current)) return lost(lose, spec, key, new WriteOutcome.NotApplied(current));
            Row updated = Assignments.apply(current, assignments);
            if (!lose || random.nextBoolean()) table.put(key, updated);
            return lost(lose, spec, key, new WriteOutcome.Applied(updated));
        }
    }

    @Override
    public WriteOutcome delete(EntitySpec spec, PrimaryKey key, Condition condition) {
        synchronized (database) {
            Map<PrimaryKey, Row> table = table(spec);
            Row current = table.get(key);
            boolean lose = loseResponse();
            if (current == null) return lost(lose, spec, key, WriteOutcome.NotFound.INSTANCE);
            if (!Conditions.test(condition, current)) return lost(lose, spec, key, new WriteOutcome.NotApplied(current));
            if (!lose || random.nextBoolean()) table.remove(key);
            return lost(lose, spec, key, new WriteOutcome.Applied(current));
        }
    }

    @Override
    public List<Optional<Row>> findGroup(EntitySpec spec, List<PrimaryKey> keys) {
        synchronized (database) {
            Map<PrimaryKey, Row> table = table(spec);
            List<Optional<Row>> rows = new ArrayList<>(keys.size());
            for (PrimaryKey key : keys) rows.add(Optional.ofNullable(table.get(key)));
            return rows;
        }
    }

    /** Checks every statement's condition, then applies them all; a lost response applies all or none, at random. */
    @Override
    public boolean applyGroup(EntitySpec spec, List<GroupStatement> statements) {
        synchronized (database) {
            Map<PrimaryKey, Row> table = table(spec);
            boolean lose = loseResponse();
            PrimaryKey first = statements.get(0).key();
            for (GroupStatement statement : statements) {
                if (!holds(statement, table.get(statement.key()))) {
                    lost(lose, spec, first, null);
                    return false;
                }
            }
            if (!lose || random.nextBoolean()) {
                for (GroupStatement statement : statements) {
                    if (statement instanceof GroupStatement.Insert insert) {
                        table.put(insert.key(), insert.row());
                    } else if (statement instanceof GroupStatement.Set set) {
                        table.put(set.key(), Assignments.apply(table.get(set.key()), List.copyOf(set.values())));
                    } else {
                        table.remove(statement.key());
                    }
                }
            }
            lost(lose, spec, first, null);
            return true;
        }
    }

    private static boolean holds(GroupStatement statement, Row current) {
        if (statement instanceof GroupStatement.Insert) return current == null;
        if (current == null) return false;
        if (statement instanceof GroupStatement.Set set) return Conditions.test(set.condition(), current);
        return Conditions.test(((GroupStatement.Delete) statement).condition(), current);
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
    public CompletionStage<WriteOutcome> updateAsync(EntitySpec spec, PrimaryKey key, List<Assignment> assignments, Condition condition) {
        return Stages.completed(() -> update(spec, key, assignments, condition));
    }

    @Override
    public CompletionStage<WriteOutcome> deleteAsync(EntitySpec spec, PrimaryKey key, Condition condition) {
        return Stages.completed(() -> delete(spec, key, condition));
    }

    @Override
    public void close() {
        // Named databases live as long as the JVM, like H2's mem: databases with DB_CLOSE_DELAY=-1.
    }

    private boolean loseResponse() {
        return lostResponseRate > 0 && random.nextDouble() < lostResponseRate;
    }

    private static WriteOutcome lost(boolean lose, EntitySpec spec, PrimaryKey key, WriteOutcome outcome) {
        if (lose) {
            throw new OutcomeUnknownException(spec.table(), key, OutcomeUnknownException.Resolution.UNKNOWN,
                    "simulated lost response", null);
        }
        return outcome;
    }

    private Map<PrimaryKey, Row> table(EntitySpec spec) {
        Map<PrimaryKey, Row> table = database.tables.get(spec.table());
        if (table == null) {
            throw new BackendException("table " + spec.table() + " does not exist; create it with VersionedStore.createTable", null);
        }
        return table;
    }
}
