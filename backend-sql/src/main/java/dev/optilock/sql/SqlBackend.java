package dev.optilock.sql;

import dev.optilock.BackendException;
import dev.optilock.Capabilities;
import dev.optilock.Capability;
import dev.optilock.ColumnType;
import dev.optilock.Condition;
import dev.optilock.ContentionException;
import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.spi.Assignment;
import dev.optilock.spi.Backend;
import dev.optilock.spi.GroupStatement;
import dev.optilock.spi.PreparedSet;
import dev.optilock.spi.WriteOutcome;
import dev.optilock.spi.semantics.Assignments;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * The SQL backend: every primitive is one statement on a connection taken from a {@link DataSource}, in
 * auto-commit mode (when a connection is not in auto-commit mode, the backend commits each operation itself).
 *
 * <p>A conditional write that changes nothing reports the current row. On PostgreSQL the same statement reports it
 * (see {@link TableStatements}); when that row, as the statement's snapshot shows it, still satisfies the condition,
 * a concurrent write committed after the snapshot and the statement is run again with a fresh snapshot, so that a
 * {@code NotApplied} never carries a row that satisfies the condition. H2 runs a probe after a write that changed
 * nothing, with the same rule.
 */
final class SqlBackend implements Backend {
    /** Attempts of a conditional write whose row kept changing between the write and its report. */
    private static final int MAX_REPORT_ATTEMPTS = 32;
    /** Attempts of an operation the database rolled back (deadlock, serialization failure, lock timeout). */
    private static final int MAX_ROLLBACK_ATTEMPTS = 8;

    static {
        QuietJooq.apply();
    }

    private final DataSource dataSource;
    private final Dialect dialect;
    private final WriteStyle style;
    private final String schema;
    /** For DDL and connection validation; data statements are watched by the watchdog of {@link #executions}. */
    private final int timeoutSeconds;
    /** Runs data statements: kept per HikariCP connection (see {@link StatementCache}), watched for the timeout. */
    private final Executions executions;
    private final AutoCloseable ownedPool;
    private final DSLContext dsl;
    private final SqlFailures failures;
    private final Capabilities capabilities;
    private final Map<EntitySpec, TableStatements> tables = new ConcurrentHashMap<>();
    private final SqlGroups groups;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param schema the schema that qualifies table names, or null for the connection's default schema
     * @param timeout the longest a statement may run
     * @param ownedPool closed with the backend, or null when the caller owns the data source
     * @param writeStatement the {@code writeStatement} option ({@code probe}, {@code reporting}), or null for the default
     */
    SqlBackend(DataSource dataSource, Dialect dialect, String schema, Duration timeout, AutoCloseable ownedPool,
               String writeStatement) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.style = dialect.writeStyle(writeStatement);
        this.schema = schema;
        this.timeoutSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (timeout.toMillis() + 999) / 1000));
        this.ownedPool = ownedPool;
        // jOOQ's default settings: names created with DSL.name are quoted, statements are rendered on one line.
        this.dsl = DSL.using(dialect.jooqDialect());
        this.failures = new SqlFailures(dialect);
        StatementCache statements = new StatementCache(dialect.driverConnection());
        this.executions = new Executions(statements, new StatementWatchdog(timeout, dialect.backendName(), statements));
        this.groups = new SqlGroups(dialect, style, executions);
        this.capabilities = new Capabilities(dialect.backendName(), EnumSet.of(Capability.CURRENT_ROW_ON_CONFLICT));
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public void createTable(EntitySpec spec) {
        TableStatements statements = statements(spec);
        run(spec, null, false, (connection, inTransaction) -> {
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(timeoutSeconds);
                try {
                    statement.execute(statements.definition().createTable());
                } catch (SQLException e) {
                    // Two sessions creating the same table at once: PostgreSQL lets one of them fail.
                    if (!dialect.isConcurrentCreate(e)) throw e;
                }
                try {
                    statement.executeQuery(statements.definition().checkColumns()).close();
                } catch (SQLException e) {
                    if (!dialect.isMissingColumn(e)) throw e;
                    throw new BackendException("table " + spec.table() + " exists with another definition: it lacks a column of "
                            + spec + " (" + SqlFailures.describe(e) + ")", e);
                }
            }
            return null;
        });
    }

    @Override
    public Optional<Row> find(EntitySpec spec, PrimaryKey key) {
        TableStatements statements = statements(spec);
        return run(spec, key, false, (connection, inTransaction) -> find(connection, !inTransaction, statements, key));
    }

    @Override
    public WriteOutcome insertIfAbsent(EntitySpec spec, Row row) {
        TableStatements statements = statements(spec);
        PrimaryKey key = spec.keyOf(row);
        return run(spec, key, true, (connection, inTransaction) -> {
            try (Arguments arguments = Arguments.borrow()) {
                WriteStyle.Write insert = statements.insert(row, arguments);
                int attempts = inTransaction ? 1 : MAX_REPORT_ATTEMPTS;
                for (int attempt = 1; attempt <= attempts; attempt++) {
                    WriteOutcome outcome = style.runInsert(connection, !inTransaction, insert, arguments, statements.rows(), executions, dialect);
                    if (outcome != null) return outcome;
                    Optional<Row> existing = find(connection, !inTransaction, statements, key);
                    if (existing.isPresent()) return new WriteOutcome.NotApplied(existing.get());
                    // The row that took the key is gone again: try to insert once more.
                }
            }
            throw new ContentionException(spec.table(), key, dialect + ": the row " + key + " of " + spec.table()
                    + (inTransaction ? " was taken by a write this transaction cannot see, and is gone again; nothing was"
                            + " inserted: retry the transaction" : " kept appearing and disappearing; nothing was inserted"));
        });
    }

    /**
     * When the key, the set values and the condition determine the row after the write
     * ({@link Assignments#determined}) and the database stores those values exactly, the update returns nothing
     * (where the style allows) and that row is reported; otherwise the statement returns the row it wrote.
     */
    @Override
    public WriteOutcome update(EntitySpec spec, PrimaryKey key, List<Assignment> assignments, Condition condition) {
        Row known = style.sendsUnreportedUpdates() ? Assignments.determined(spec, key, assignments, condition) : null;
        if (known != null && !dialect.storesExactly(spec, known)) known = null;
        return update(spec, key, assignments, condition, known == null ? null : new WriteOutcome.Applied(known));
    }

    /** As {@link #update}, with a statement that returns nothing where the style allows: {@code Applied(null)}. */
    @Override
    public WriteOutcome set(EntitySpec spec, PrimaryKey key, List<Assignment.SetValue> values, Condition condition) {
        if (!style.sendsUnreportedUpdates()) return update(spec, key, List.copyOf(values), condition);
        return update(spec, key, values, condition, WriteOutcome.Applied.WITHOUT_ROW);
    }

    /** @param ifApplied what an update that returns no row reports when it applies, or null for one that returns it */
    private WriteOutcome update(EntitySpec spec, PrimaryKey key, List<? extends Assignment> assignments, Condition condition,
            WriteOutcome.Applied ifApplied) {
        TableStatements statements = statements(spec);
        try (Arguments arguments = Arguments.borrow()) {
            WriteStyle.Write update = ifApplied == null ? statements.update(key, assignments, condition, arguments)
                    : statements.unreportedUpdate(key, assignments, condition, arguments);
            return conditionalWrite(statements, key, update, arguments, ifApplied);
        }
    }

    /**
     * A {@link PreparedSet} that binds each call's values straight into the statement {@link #set} would send for it
     * (found once, see {@link TableStatements#prepareSet}); with a style that returns rows from updates, the default.
     * A call with a value the database does not store exactly as given (see {@link Dialect#storesExactly}) is sent as
     * an update that returns the row it wrote, and reports it.
     */
    @Override
    public PreparedSet prepareSet(EntitySpec spec, List<String> columns, List<String> nullColumns) {
        if (!style.sendsUnreportedUpdates()) return Backend.super.prepareSet(spec, columns, nullColumns);
        List<String> set = List.copyOf(columns);
        List<String> nulls = List.copyOf(nullColumns);
        ColumnType[] types = new ColumnType[set.size()];
        for (int i = 0; i < types.length; i++) types[i] = spec.requireColumn(set.get(i)).type();
        TableStatements statements = statements(spec); // its rendering of the shape checks the guard's columns
        PreparedShape shape = statements.prepareSet(set, nulls);
        return (key, values, expectedVersion) -> {
            if (!storesExactly(types, values)) {
                return update(spec, key, PreparedSet.values(set, values), PreparedSet.condition(spec, expectedVersion, nulls), null);
            }
            try (PreparedShape.Call call = shape.call(key, values, expectedVersion)) {
                return conditionalWrite(statements, key, shape.write(), call, WriteOutcome.Applied.WITHOUT_ROW);
            }
        };
    }

    /** Whether the database stores each of {@code values}, of columns of {@code types}, exactly as given. */
    private boolean storesExactly(ColumnType[] types, Object[] values) {
        for (int i = 0; i < types.length && i < values.length; i++) {
            if (dialect.mayStoreOtherwise(types[i]) && !dialect.storesExactly(types[i], values[i])) return false;
        }
        return true;
    }

    /**
     * Runs a conditional write, bound in {@code arguments}, on a connection of the data source (as {@link #run} does,
     * written out: the write path then makes no lambda per call).
     */
    private WriteOutcome conditionalWrite(TableStatements statements, PrimaryKey key, WriteStyle.Write write, CallValues arguments,
            WriteOutcome.Applied ifApplied) {
        EntitySpec spec = statements.spec();
        for (int attempt = 1; ; attempt++) {
            Connection connection = connection();
            boolean inTransaction = false;
            try {
                inTransaction = !connection.getAutoCommit();
                return conditionalWrite(connection, inTransaction, spec, key, statements, write, arguments, ifApplied);
            } catch (SQLException e) {
                if (!runsAgain(e, inTransaction, attempt)) throw failed(e, inTransaction, attempt, spec, key, true);
            } finally {
                closeQuietly(connection);
            }
        }
    }

    @Override
    public WriteOutcome delete(EntitySpec spec, PrimaryKey key, Condition condition) {
        TableStatements statements = statements(spec);
        return run(spec, key, true, (connection, inTransaction) -> {
            try (Arguments arguments = Arguments.borrow()) {
                WriteStyle.Write delete = statements.delete(key, condition, arguments);
                return conditionalWrite(connection, inTransaction, spec, key, statements, delete, arguments, null);
            }
        });
    }

    @Override
    public List<Optional<Row>> findGroup(EntitySpec spec, List<PrimaryKey> keys) {
        TableStatements statements = statements(spec);
        return run(spec, keys.get(0), false, (connection, inTransaction) -> groups.find(connection, !inTransaction, statements, keys));
    }

    /**
     * One transaction (or a savepoint in the caller's), statements in key order; see {@link SqlGroups}. Outside the
     * caller's transaction a group the database rolled back (deadlock, serialization failure) is run again, as a
     * single write is.
     */
    @Override
    public boolean applyGroup(EntitySpec spec, List<GroupStatement> group) {
        TableStatements statements = statements(spec);
        return run(spec, group.get(0).key(), true, (connection, inTransaction) -> groups.apply(connection, inTransaction,
                statements, group));
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        executions.close();
        if (ownedPool != null) {
            try {
                ownedPool.close();
            } catch (Exception e) {
                throw new BackendException("closing the " + dialect + " connection pool failed: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public String toString() {
        return "SqlBackend[" + dialect + (schema == null ? "" : ", schema=" + schema) + "]";
    }

    // ---- mechanics ----

    /**
     * Runs a conditional update or delete until it is applied, finds no row, or reports a current row that does
     * not satisfy the condition. In the caller's transaction it runs once: a write that changed nothing although the
     * row it reports satisfies the condition met a row changed after the statement's snapshot, and only the caller
     * can start over.
     *
     * @param ifApplied what to report when {@code write}, which returns no row, applies; null for a write that returns it
     */
    private WriteOutcome conditionalWrite(Connection connection, boolean inTransaction, EntitySpec spec, PrimaryKey key,
            TableStatements statements, WriteStyle.Write write, CallValues arguments, WriteOutcome.Applied ifApplied)
            throws SQLException {
        int attempts = inTransaction ? 1 : MAX_REPORT_ATTEMPTS;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            WriteOutcome outcome = style.runConditional(connection, !inTransaction, write, arguments, statements.rows(), executions, ifApplied);
            if (outcome != null) return outcome;
            // The write changed nothing, yet the row it reported satisfies the condition: a concurrent write
            // committed after the statement's snapshot. Nothing was applied, so run it again on a fresh snapshot.
        }
        throw new ContentionException(spec.table(), key, dialect + ": the row " + key + " of " + spec.table()
                + (inTransaction ? " changed after this transaction's snapshot; the conditional write was not applied: retry"
                        + " the transaction" : " kept changing during " + MAX_REPORT_ATTEMPTS
                        + " attempts of a conditional write; it was not applied"));
    }

    private Optional<Row> find(Connection connection, boolean autoCommit, TableStatements statements, PrimaryKey key) throws SQLException {
        try (Arguments arguments = Arguments.borrow();
             Execution execution = executions.start(connection, autoCommit, statements.find(key, arguments), arguments);
             ResultSet result = execution.executeQuery()) {
            return result.next() ? Optional.of(statements.rows().read(result, 1)) : Optional.empty();
        }
    }

    /** Validates a connection of the data source ({@link Connection#isValid}, within the store timeout). */
    @Override
    public void ping() {
        Connection connection = connection();
        try {
            if (!connection.isValid(timeoutSeconds)) {
                throw new dev.optilock.BackendUnavailableException(dialect.backendName() + " did not validate a connection within "
                        + timeoutSeconds + " s", null);
            }
        } catch (SQLException e) {
            throw new dev.optilock.BackendUnavailableException(dialect.backendName() + " did not answer a connection validation: "
                    + SqlFailures.describe(e), e);
        } finally {
            closeQuietly(connection);
        }
    }

    /** Work on one connection; {@code inTransaction} says whether it runs inside the caller's transaction. */
    @FunctionalInterface
    private interface Work<R> {
        R run(Connection connection, boolean inTransaction) throws SQLException;
    }

    /**
     * Runs {@code work} on a connection of the data source and translates failures.
     *
     * <p>A connection in auto-commit mode commits each statement by itself; an operation the database rolled back
     * (deadlock, serialization failure, lock timeout) is run again, up to {@link #MAX_ROLLBACK_ATTEMPTS} times.
     * A connection not in auto-commit mode is in the caller's transaction (a transaction manager bound it, or the
     * caller began one): Optilock never commits, rolls back or ends it, and runs nothing again inside it; a rollback
     * by the database is reported at once, for the caller to retry the whole transaction.
     *
     * @param write whether a lost connection makes the outcome unknown
     */
    private <R> R run(EntitySpec spec, PrimaryKey key, boolean write, Work<R> work) {
        for (int attempt = 1; ; attempt++) {
            Connection connection = connection();
            boolean inTransaction = false;
            try {
                inTransaction = !connection.getAutoCommit();
                return work.run(connection, inTransaction);
            } catch (SQLException e) {
                if (!runsAgain(e, inTransaction, attempt)) throw failed(e, inTransaction, attempt, spec, key, write);
            } finally {
                closeQuietly(connection);
            }
        }
    }

    private Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw failures.forConnect(e);
        }
    }

    /** Whether an operation the database rolled back is run again: outside the caller's transaction, a few times. */
    private boolean runsAgain(SQLException e, boolean inTransaction, int attempt) {
        return dialect.isRolledBack(e) && !inTransaction && attempt < MAX_ROLLBACK_ATTEMPTS;
    }

    /** The exception for a failed operation that is not run again. */
    private RuntimeException failed(SQLException e, boolean inTransaction, int attempt, EntitySpec spec, PrimaryKey key,
            boolean write) {
        if (dialect.isRolledBack(e)) {
            return inTransaction ? failures.rolledBackTransaction(e, spec) : failures.rolledBack(e, spec, attempt);
        }
        return write ? failures.forWrite(e, spec, key) : failures.forRead(e, spec);
    }

    private TableStatements statements(EntitySpec spec) {
        TableStatements statements = tables.get(spec);
        if (statements == null) {
            statements = tables.computeIfAbsent(spec, ignored -> new TableStatements(spec, schema, dialect, style, dsl));
        }
        return statements;
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Returning a broken connection to the pool; nothing to do.
        }
    }
}
