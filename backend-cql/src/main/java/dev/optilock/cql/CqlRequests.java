package dev.optilock.cql;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import dev.optilock.BackendException;
import dev.optilock.BackendUnavailableException;
import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import dev.optilock.cql.CqlStatements.Cql;
import dev.optilock.spi.Stages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Sends statements: prepares (through {@link PreparedStatements}, which gives each statement its consistency levels,
 * idempotence and timeout), binds the values, and turns every driver failure into an Optilock exception
 * ({@link CqlFailures}). Writes are LWTs: sent at the serial consistency for Paxos and the regular one for the commit,
 * marked not idempotent so the driver never retries them; reads are sent at the serial consistency and may be retried.
 */
final class CqlRequests {
    private final CqlSession session;
    private final CqlSettings settings;
    private final PreparedStatements prepared;

    CqlRequests(CqlSession session, CqlSettings settings) {
        this.session = session;
        this.settings = settings;
        this.prepared = new PreparedStatements(session, settings);
    }

    /**
     * Sends an LWT; {@code unsetNulls} leaves null values unset instead of binding them (no tombstones on insert). A
     * failure that proves the request was never sent (no connection, every coordinator refused it up front) is tried
     * again, after a short random pause, within the same budget as reads: nothing was written, so nothing can apply
     * twice. Any other failure is the caller's to settle.
     */
    CompletionStage<AsyncResultSet> write(Cql cql, EntitySpec spec, PrimaryKey key, boolean unsetNulls) {
        return attempt(() -> execute(cql, true, spec, key, unsetNulls), 1, System.nanoTime() + budgetNanos());
    }

    /**
     * Sends conditional statements on rows of one partition as one logged batch: one Paxos round, so they apply all
     * or none. Sent, retried and translated as {@link #write} is; {@code unsetNulls[i]} as for {@code write}.
     */
    CompletionStage<AsyncResultSet> writeBatch(List<Cql> statements, boolean[] unsetNulls, EntitySpec spec, PrimaryKey key) {
        return attempt(() -> executeBatch(statements, unsetNulls, spec, key), 1, System.nanoTime() + budgetNanos());
    }

    /**
     * Sends a read at the serial consistency. A SERIAL read is a Paxos round of its own, so under contention or with a
     * replica down it can time out or lose its connection like a write; it writes nothing the caller asked for, so it is
     * sent again, after a short random pause, until it answers or {@link #budgetNanos} has passed (twice the timeout,
     * 10 s without one, at least 5 s).
     */
    CompletionStage<AsyncResultSet> read(Cql cql, EntitySpec spec, PrimaryKey key) {
        return attempt(() -> execute(cql, false, spec, key, false), 1, System.nanoTime() + budgetNanos());
    }

    /**
     * Sends a bound LWT of a statement {@link #prepared} prepared for writes and waits for its answer on the caller's
     * thread, without a stage of Optilock's own: what {@link #write} does, for a caller that blocks anyway. A failure
     * that proves the request was never sent is tried again as {@code write} tries it, the pauses taken on this thread
     * (not interruptible; an interrupt meanwhile is kept in the thread's flag); any other failure is thrown as
     * {@link CqlFailures#ofWrite} translates it, for the caller to settle.
     */
    ResultSet writeAndWait(BoundStatement bound, String table, PrimaryKey key) {
        long deadline = System.nanoTime() + budgetNanos();
        for (int attempt = 1; ; attempt++) {
            RuntimeException failure;
            try {
                return session.execute(bound);
            } catch (RuntimeException driverFailure) {
                failure = CqlFailures.ofWrite(driverFailure, table, key);
            }
            long millis = pauseBeforeRetry(failure, attempt, deadline);
            if (millis < 0) throw failure;
            pauseUninterruptibly(millis);
        }
    }

    /**
     * The write statement of {@code text}, prepared (waiting for it on the caller's thread the first time), with the
     * session's codecs for its values ({@link BoundValues}).
     *
     * @throws dev.optilock.OptilockException if the PREPARE failed (it is tried again on the next call)
     */
    BoundValues preparedWrite(String text, String table) {
        PreparedStatement statement = Stages.await(prepared.prepare(text, table, true));
        return new BoundValues(statement, session.getContext().getCodecRegistry(), session.getContext().getProtocolVersion());
    }

    /** Sends the statement, again while it fails with {@link BackendUnavailableException} (nothing written) and time is left. */
    private CompletionStage<AsyncResultSet> attempt(Supplier<CompletionStage<AsyncResultSet>> send, int attempt, long deadline) {
        return send.get().handle((result, failure) -> {
            if (failure == null) return CompletableFuture.completedFuture(result);
            Throwable cause = Stages.unwrap(failure);
            long millis = pauseBeforeRetry(cause, attempt, deadline);
            if (millis < 0) return CompletableFuture.<AsyncResultSet>failedFuture(cause);
            return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS))
                    .thenCompose(ignored -> attempt(send, attempt + 1, deadline));
        }).thenCompose(stage -> stage);
    }

    /**
     * How long to pause before sending again a request that failed with {@code cause} on its {@code attempt}-th try, or
     * -1 not to send it again: only a request that certainly was not sent ({@link BackendUnavailableException}, the
     * session still open) is sent again, after a short random pause that grows with the attempts, until the deadline.
     */
    private static long pauseBeforeRetry(Throwable cause, int attempt, long deadline) {
        boolean sessionClosed = cause.getCause() instanceof IllegalStateException;
        if (!(cause instanceof BackendUnavailableException) || sessionClosed || System.nanoTime() - deadline > 0) return -1;
        return ThreadLocalRandom.current().nextLong(Math.min(100, 1L << Math.min(attempt, 7)) + 1);
    }

    /** Sleeps {@code millis} on the caller's thread; an interrupt does not cut it short and is kept in the thread's flag. */
    private static void pauseUninterruptibly(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        boolean interrupted = false;
        for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException interrupt) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private long budgetNanos() {
        Duration timeout = settings.timeout();
        long budget = timeout == null ? Duration.ofSeconds(10).toNanos() : 2 * timeout.toNanos();
        return Math.max(Duration.ofSeconds(5).toNanos(), budget);
    }

    private CompletionStage<AsyncResultSet> execute(Cql cql, boolean write, EntitySpec spec, PrimaryKey key, boolean unsetNulls) {
        return prepared.prepare(cql.text(), spec.table(), write).thenCompose(statement -> {
            BoundStatement bound;
            try {
                bound = values(statement, cql.values(), unsetNulls);
            } catch (RuntimeException bindFailure) {
                return CompletableFuture.failedFuture(bindFailure(write, spec, key, cql.text(), bindFailure));
            }
            CompletionStage<AsyncResultSet> sent;
            try {
                sent = session.executeAsync(bound);
            } catch (RuntimeException notSent) {
                sent = CompletableFuture.failedFuture(notSent);
            }
            return sent.handle((result, failure) -> {
                if (failure == null) return result;
                throw write ? CqlFailures.ofWrite(failure, spec.table(), key) : CqlFailures.ofRead(failure, what(write, spec, key));
            });
        });
    }

    /** The failure of binding a statement's values: the table most likely does not match the entity. */
    static BackendException bindFailure(boolean write, EntitySpec spec, PrimaryKey key, String text, RuntimeException failure) {
        return new BackendException("cannot bind the values of " + what(write, spec, key) + " to `" + text
                + "` (does the table match the entity?): " + failure.getMessage(), failure);
    }

    /** What a failure message names: made only when there is one (a key's text is not free). */
    private static String what(boolean write, EntitySpec spec, PrimaryKey key) {
        return (write ? "write to " : "read of ") + spec.table() + " " + key;
    }

    private CompletionStage<AsyncResultSet> executeBatch(List<Cql> statements, boolean[] unsetNulls, EntitySpec spec,
            PrimaryKey key) {
        List<CompletableFuture<PreparedStatement>> preparing = new ArrayList<>(statements.size());
        for (Cql cql : statements) preparing.add(prepared.prepare(cql.text(), spec.table(), true).toCompletableFuture());
        return CompletableFuture.allOf(preparing.toArray(CompletableFuture[]::new)).thenCompose(ignored -> {
            BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.LOGGED);
            try {
                for (int i = 0; i < statements.size(); i++) {
                    // Consistency, serial consistency and timeout are the batch's; its statements only carry values.
                    batch.addStatement(values(preparing.get(i).join(), statements.get(i).values(), unsetNulls[i]));
                }
            } catch (RuntimeException bindFailure) {
                return CompletableFuture.failedFuture(new BackendException("cannot bind the values of a group of "
                        + statements.size() + " writes to " + spec.table() + " (does the table match the entity?): "
                        + bindFailure.getMessage(), bindFailure));
            }
            batch.setConsistencyLevel(settings.consistency()).setSerialConsistencyLevel(settings.serialConsistency())
                    .setIdempotence(false);
            if (settings.timeout() != null) batch.setTimeout(settings.timeout());
            CompletionStage<AsyncResultSet> sent;
            try {
                sent = session.executeAsync(batch.build());
            } catch (RuntimeException notSent) {
                sent = CompletableFuture.failedFuture(notSent);
            }
            return sent.handle((result, failure) -> {
                if (failure == null) return result;
                throw CqlFailures.ofWrite(failure, spec.table(), key);
            });
        });
    }

    /** The statement with its values bound; {@code unsetNulls}: null values left unset rather than bound. */
    private static BoundStatement values(PreparedStatement statement, List<Object> values, boolean unsetNulls) {
        Object[] converted = new Object[values.size()];
        for (int i = 0; i < converted.length; i++) converted[i] = CqlValues.toDriver(values.get(i));
        BoundStatement bound = statement.bind(converted);
        if (unsetNulls) {
            for (int i = 0; i < converted.length; i++) {
                if (converted[i] == null) bound = bound.unset(i);
            }
        }
        return bound;
    }
}
