package dev.optilock.cql;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatementBuilder;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The statements of one backend, prepared once per text and kind (read or write). Each is prepared with the
 * attributes its bound statements need, which the driver gives every statement bound from it: a write's consistency,
 * serial consistency and "not idempotent" (the driver never retries an LWT), a read's serial consistency and
 * "idempotent", and the store timeout; binding then makes one statement instead of a copy per attribute set.
 * Concurrent first uses of a text share one PREPARE; a failed PREPARE is forgotten, so the next use tries again.
 * Beyond {@link #MAX_PREPARED} texts the cache starts afresh (statement texts depend on shapes, not values, so this
 * only bounds pathological callers).
 */
final class PreparedStatements {
    static final int MAX_PREPARED = 4096;

    private final CqlSession session;
    private final CqlSettings settings;
    private final Map<String, CompletableFuture<PreparedStatement>> writes = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<PreparedStatement>> reads = new ConcurrentHashMap<>();

    PreparedStatements(CqlSession session, CqlSettings settings) {
        this.session = session;
        this.settings = settings;
    }

    /** The prepared statement for {@code text}; fails with an Optilock exception naming {@code table}. */
    CompletionStage<PreparedStatement> prepare(String text, String table, boolean write) {
        Map<String, CompletableFuture<PreparedStatement>> prepared = write ? writes : reads;
        CompletableFuture<PreparedStatement> cached = prepared.get(text);
        if (cached != null) return cached;
        if (prepared.size() >= MAX_PREPARED) prepared.clear();
        CompletableFuture<PreparedStatement> fresh = new CompletableFuture<>();
        CompletableFuture<PreparedStatement> raced = prepared.putIfAbsent(text, fresh);
        if (raced != null) return raced;
        CompletionStage<PreparedStatement> preparing;
        try {
            preparing = session.prepareAsync(request(text, write));
        } catch (RuntimeException failure) {
            preparing = CompletableFuture.failedFuture(failure);
        }
        preparing.whenComplete((statement, failure) -> {
            if (failure == null) {
                fresh.complete(statement);
            } else {
                prepared.remove(text, fresh);
                fresh.completeExceptionally(CqlFailures.ofRead(failure,
                        "preparing a statement on table " + settings.keyspace() + "." + table));
            }
        });
        return fresh;
    }

    private SimpleStatement request(String text, boolean write) {
        SimpleStatementBuilder request = SimpleStatement.builder(text);
        if (write) {
            request.setConsistencyLevel(settings.consistency()).setSerialConsistencyLevel(settings.serialConsistency())
                    .setIdempotence(false);
        } else {
            request.setConsistencyLevel(settings.serialConsistency()).setIdempotence(true);
        }
        if (settings.timeout() != null) request.setTimeout(settings.timeout());
        return request.build();
    }
}
