package dev.optilock.cql;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.NodeUnavailableException;
import com.datastax.oss.driver.api.core.RequestThrottlingException;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.connection.BusyConnectionException;
import com.datastax.oss.driver.api.core.connection.ConnectionInitException;
import com.datastax.oss.driver.api.core.servererrors.BootstrappingException;
import com.datastax.oss.driver.api.core.servererrors.CASWriteUnknownException;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.QueryValidationException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import dev.optilock.BackendException;
import dev.optilock.BackendUnavailableException;
import dev.optilock.OptilockException;
import dev.optilock.OutcomeUnknownException;
import dev.optilock.PrimaryKey;
import dev.optilock.spi.Stages;
import java.util.List;
import java.util.Map;

/**
 * Turns driver failures into Optilock exceptions. The one question that matters for a write is whether
 * the request may have reached a coordinator: if it may have, the outcome is unknown; if it certainly did
 * not (or the coordinator refused it before starting Paxos), nothing was written.
 */
final class CqlFailures {
    private CqlFailures() {
    }

    /** The failure of a conditional write (an LWT) on one row. */
    static RuntimeException ofWrite(Throwable failure, String table, PrimaryKey key) {
        Throwable cause = Stages.unwrap(failure);
        if (cause instanceof OptilockException optilock) return optilock;
        if (cause instanceof QueryValidationException || cause instanceof AuthenticationException) {
            return rejected(cause, table);
        }
        if (notSent(cause)) {
            return new BackendUnavailableException("write to " + table + " " + key + " was not sent or was refused before"
                    + " it started, so it was not applied: " + cause.getMessage(), cause);
        }
        String detail;
        if (cause instanceof CASWriteUnknownException) {
            detail = "the Paxos round may have been accepted by some replicas (CAS write unknown)";
        } else if (cause instanceof WriteTimeoutException timeout) {
            detail = "write timeout of type " + timeout.getWriteType() + " in the coordinator";
        } else if (cause instanceof DriverTimeoutException) {
            detail = "no response within the request timeout: " + cause.getMessage();
        } else {
            detail = cause.getClass().getSimpleName() + " after the request was sent: " + cause.getMessage();
        }
        return new OutcomeUnknownException(table, key, OutcomeUnknownException.Resolution.UNKNOWN, detail, cause);
    }

    /** The failure of a read or a schema statement: nothing was written by it. */
    static RuntimeException ofRead(Throwable failure, String what) {
        Throwable cause = Stages.unwrap(failure);
        if (cause instanceof OptilockException optilock) return optilock;
        if (cause instanceof QueryValidationException || cause instanceof AuthenticationException) {
            return rejected(cause, what);
        }
        if (cause instanceof IllegalStateException closed && String.valueOf(closed.getMessage()).contains("closed")) {
            return new BackendUnavailableException(what + " failed: the CqlSession is closed", cause);
        }
        if (cause instanceof com.datastax.oss.driver.api.core.DriverException || cause instanceof java.io.IOException) {
            return new BackendUnavailableException(what + " failed: " + cause.getMessage(), cause);
        }
        return new BackendException(what + " failed: " + cause, cause);
    }

    private static RuntimeException rejected(Throwable cause, String what) {
        String message = String.valueOf(cause.getMessage());
        if (message.contains("unconfigured table") || message.contains("does not exist") || message.contains("Keyspace")
                && message.contains("doesn't exist")) {
            return new BackendException(what + ": the table or keyspace does not exist; create it with VersionedStore.createTable"
                    + " (Cassandra said: " + message + ")", cause);
        }
        return new BackendException(what + " was rejected by Cassandra: " + message, cause);
    }

    /**
     * Whether the request certainly did not start a Paxos round anywhere: it was never written to a
     * connection, or every coordinator that got it refused it up front.
     */
    static boolean notSent(Throwable cause) {
        if (cause instanceof NoNodeAvailableException || cause instanceof NodeUnavailableException
                || cause instanceof RequestThrottlingException
                || cause instanceof BusyConnectionException || cause instanceof ConnectionInitException
                || cause instanceof UnavailableException || cause instanceof OverloadedException
                || cause instanceof BootstrappingException) {
            return true;
        }
        if (cause instanceof IllegalStateException closed && String.valueOf(closed.getMessage()).contains("closed")) {
            return true;
        }
        if (cause instanceof AllNodesFailedException all) {
            Map<?, List<Throwable>> errors = all.getAllErrors();
            if (errors.isEmpty()) return true;
            for (List<Throwable> nodeErrors : errors.values()) {
                for (Throwable nodeError : nodeErrors) {
                    if (!notSent(nodeError)) return false;
                }
            }
            return true;
        }
        return false;
    }
}
