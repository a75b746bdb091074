package dev.optilock.sql;

import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.spi.GroupStatement;
import dev.optilock.spi.WriteOutcome;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Atomic groups on SQL: the rows read in one statement (one snapshot), and a group's statements run in one
 * transaction, in key order, so that two groups on overlapping rows take their row locks in the same order and cannot
 * deadlock. On a connection in auto-commit mode the group is its own transaction (committed when every statement
 * applied, rolled back otherwise); inside the caller's transaction it runs under a savepoint, rolled back to when a
 * statement does not apply, so the caller's other work stays and the transaction stays usable. The caller's
 * transaction itself is never committed, rolled back or ended here.
 */
final class SqlGroups {
    /** A total order of keys shared by every client: value by value, natural order, bytes unsigned, else text. */
    static final Comparator<PrimaryKey> KEY_ORDER = SqlGroups::compare;

    private final WriteStyle style;
    private final Dialect dialect;
    private final Executions executions;

    SqlGroups(Dialect dialect, WriteStyle style, Executions executions) {
        this.style = style;
        this.dialect = dialect;
        this.executions = executions;
    }

    /** The rows of {@code keys}, in their order, from one statement. */
    List<Optional<Row>> find(Connection connection, boolean autoCommit, TableStatements statements, List<PrimaryKey> keys) throws SQLException {
        Arguments arguments = new Arguments();
        PreparedSql find = statements.findGroup(keys, arguments);
        Map<PrimaryKey, Row> found = new HashMap<>();
        try (Execution execution = executions.start(connection, autoCommit, find, arguments);
             ResultSet result = execution.executeQuery()) {
            while (result.next()) {
                Row row = statements.rows().read(result, 1);
                found.put(statements.spec().keyOf(row), row);
            }
        }
        List<Optional<Row>> rows = new ArrayList<>(keys.size());
        for (PrimaryKey key : keys) rows.add(Optional.ofNullable(found.get(key)));
        return rows;
    }

    /** Runs every statement or none; {@code inTransaction}: on the caller's transaction, under a savepoint. */
    boolean apply(Connection connection, boolean inTransaction, TableStatements statements, List<GroupStatement> group)
            throws SQLException {
        List<GroupStatement> ordered = new ArrayList<>(group);
        ordered.sort(Comparator.comparing(GroupStatement::key, KEY_ORDER));
        if (inTransaction) {
            Savepoint savepoint = connection.setSavepoint();
            boolean applied;
            try {
                applied = applyAll(connection, statements, ordered);
            } catch (SQLException | RuntimeException failure) {
                rollbackQuietly(connection, savepoint, failure);
                throw failure;
            }
            if (applied) {
                connection.releaseSavepoint(savepoint);
            } else {
                connection.rollback(savepoint);
            }
            return applied;
        }
        connection.setAutoCommit(false);
        boolean applied;
        try {
            applied = applyAll(connection, statements, ordered);
            if (applied) {
                connection.commit();
            } else {
                connection.rollback();
            }
        } catch (SQLException | RuntimeException failure) {
            // The failure decides the outcome (a lost connection: unknown); a closed connection's refusals to roll back
            // or to restore auto-commit must not replace it.
            rollbackQuietly(connection, null, failure);
            try {
                connection.setAutoCommit(true);
            } catch (SQLException restoreFailure) {
                failure.addSuppressed(restoreFailure);
            }
            throw failure;
        }
        try {
            connection.setAutoCommit(true);
        } catch (SQLException restoreFailure) {
            // The outcome is known (committed or rolled back); a connection that cannot restore auto-commit is broken,
            // and the pool discards it (or resets auto-commit) when it is returned.
        }
        return applied;
    }

    private boolean applyAll(Connection connection, TableStatements statements, List<GroupStatement> ordered) throws SQLException {
        // A group runs in a transaction (its own or the caller's): not in auto-commit mode.
        for (GroupStatement statement : ordered) {
            Arguments arguments = new Arguments();
            WriteOutcome outcome;
            if (statement instanceof GroupStatement.Insert insert) {
                WriteStyle.Write write = statements.insert(insert.row(), arguments);
                outcome = style.runInsert(connection, false, write, arguments, statements.rows(), executions, dialect);
            } else if (statement instanceof GroupStatement.Set set) {
                WriteStyle.Write write = statements.update(set.key(), List.copyOf(set.values()), set.condition(), arguments);
                outcome = style.runConditional(connection, false, write, arguments, statements.rows(), executions, null);
            } else {
                GroupStatement.Delete delete = (GroupStatement.Delete) statement;
                WriteStyle.Write write = statements.delete(delete.key(), delete.condition(), arguments);
                outcome = style.runConditional(connection, false, write, arguments, statements.rows(), executions, null);
            }
            // Not applied, not found, or (null) a row changed under the statement: the group does not apply.
            if (!(outcome instanceof WriteOutcome.Applied)) return false;
        }
        return true;
    }

    private static void rollbackQuietly(Connection connection, Savepoint savepoint, Exception failure) {
        try {
            if (savepoint == null) {
                connection.rollback();
            } else {
                connection.rollback(savepoint);
            }
        } catch (SQLException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(PrimaryKey first, PrimaryKey second) {
        for (int i = 0; i < first.size(); i++) {
            Object a = first.get(i);
            Object b = second.get(i);
            int order;
            if (a instanceof byte[] x && b instanceof byte[] y) {
                order = Arrays.compareUnsigned(x, y);
            } else if (a instanceof Comparable && a.getClass() == b.getClass()) {
                order = ((Comparable) a).compareTo(b);
            } else {
                order = String.valueOf(a).compareTo(String.valueOf(b));
            }
            if (order != 0) return order;
        }
        return 0;
    }
}
