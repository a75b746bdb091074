package dev.optilock.sql;

import dev.optilock.BackendException;
import dev.optilock.BackendUnavailableException;
import dev.optilock.EntitySpec;
import dev.optilock.OutcomeUnknownException;
import dev.optilock.PrimaryKey;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;

/**
 * Turns {@link SQLException}s into Optilock exceptions. A lost connection or a timeout is an unknown outcome for
 * a write (the statement may have run) and an unavailable backend for a read; a missing table or a rejected
 * statement is a {@link BackendException}.
 */
final class SqlFailures {
    private final Dialect dialect;

    SqlFailures(Dialect dialect) {
        this.dialect = dialect;
    }

    /** Whether the connection failed or the statement timed out, so that it may or may not have been applied. */
    boolean isConnectionFailure(SQLException e) {
        if (dialect.isRolledBack(e)) return false;
        String state = e.getSQLState();
        if (e instanceof SQLTimeoutException || e instanceof SQLTransientConnectionException
                || e instanceof SQLNonTransientConnectionException || e instanceof SQLRecoverableException) {
            return true;
        }
        if (state != null && state.startsWith("08") || dialect.isConnectionLost(e)) return true;
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) return true;
        }
        return false;
    }

    /** The exception for a failed write to {@code key}. */
    RuntimeException forWrite(SQLException e, EntitySpec spec, PrimaryKey key) {
        if (isConnectionFailure(e)) {
            return new OutcomeUnknownException(spec.table(), key, OutcomeUnknownException.Resolution.UNKNOWN,
                    dialect.backendName() + " connection failed or the statement timed out after it was sent: "
                            + describe(e), e);
        }
        return common(e, spec, "write to");
    }

    /** The exception for a failed read of {@code spec}'s table. */
    RuntimeException forRead(SQLException e, EntitySpec spec) {
        if (isConnectionFailure(e)) {
            return new BackendUnavailableException(dialect.backendName() + " did not answer a read of " + spec.table()
                    + ": " + describe(e), e);
        }
        return common(e, spec, "read of");
    }

    /** The exception when no connection could be obtained: nothing was sent. */
    RuntimeException forConnect(SQLException e) {
        return new BackendUnavailableException("no " + dialect.backendName() + " connection available: " + describe(e), e);
    }

    /** The exception when the database kept rolling a statement back: nothing was applied. */
    RuntimeException rolledBack(SQLException e, EntitySpec spec, int attempts) {
        return new BackendUnavailableException(dialect.backendName() + " rolled back the statement on " + spec.table()
                + " " + attempts + " times (deadlock, serialization failure or lock timeout); it was not applied: "
                + describe(e), e);
    }

    /** The exception for a statement the database rolled back inside the caller's transaction, which it aborted. */
    RuntimeException rolledBackTransaction(SQLException e, EntitySpec spec) {
        return new BackendUnavailableException(dialect.backendName() + " rolled back the statement on " + spec.table()
                + " inside the caller's transaction (deadlock, serialization failure or lock timeout); it was not applied,"
                + " and Optilock does not retry inside a transaction it did not begin: roll back and retry the transaction: "
                + describe(e), e);
    }

    private RuntimeException common(SQLException e, EntitySpec spec, String what) {
        if (dialect.isRolledBack(e)) return rolledBack(e, spec, 1);
        if (dialect.isMissingTable(e)) {
            return new BackendException("table " + spec.table() + " does not exist in " + dialect.backendName()
                    + "; create it with VersionedStore.createTable or a migration (" + describe(e) + ")", e);
        }
        if (dialect.isMissingColumn(e)) {
            return new BackendException("table " + spec.table() + " does not have the columns of " + spec + " ("
                    + describe(e) + ")", e);
        }
        return new BackendException(dialect.backendName() + " rejected a " + what + " " + spec.table() + ": "
                + describe(e), e);
    }

    static String describe(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        return message + (e.getSQLState() == null ? "" : " [SQLState " + e.getSQLState() + "]");
    }
}
