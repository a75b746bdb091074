package dev.optilock.cql;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The statements of one backend, prepared once per text. Concurrent first uses of a text share one PREPARE; a
 * failed PREPARE is forgotten, so the next use tries again. Beyond {@link #MAX_PREPARED} texts the cache starts
 * afresh (statement texts depend on shapes, not values, so this only bounds pathological callers).
 */
final class PreparedStatements {
    static final int MAX_PREPARED = 4096;

    private final CqlSession session;
    private final String keyspace;
    private final Map<String, CompletableFuture<PreparedStatement>> prepared = new ConcurrentHashMap<>();

    PreparedStatements(CqlSession session, String keyspace) {
        this.session = session;
        this.keyspace = keyspace;
    }

    /** The prepared statement for {@code text}; fails with an Optilock exception naming {@code table}. */
    CompletionStage<PreparedStatement> prepare(String text, String table) {
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
                fresh.completeExceptionally(CqlFailures.ofRead(failure, "preparing a statement on table " + keyspace + "." + table));
            }
        });
        return fresh;
    }
}
