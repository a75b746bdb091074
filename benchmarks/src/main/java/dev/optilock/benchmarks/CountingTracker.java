package dev.optilock.benchmarks;

import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.session.Request;
import com.datastax.oss.driver.api.core.tracker.RequestTracker;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the requests the driver sends to a node (each attempt, so retries and speculative executions count too),
 * and, while {@link #recordTexts} is on, the text and consistency levels of each, for the report.
 */
final class CountingTracker implements RequestTracker {
    private final LongAdder sent = new LongAdder();
    private final Map<String, LongAdder> texts = new ConcurrentHashMap<>();
    private volatile boolean recordTexts;

    long sent() {
        return sent.sum();
    }

    void recordTexts(boolean on) {
        recordTexts = on;
        if (on) texts.clear();
    }

    Map<String, Long> texts() {
        Map<String, Long> copy = new TreeMap<>();
        texts.forEach((text, count) -> copy.put(text, count.sum()));
        return copy;
    }

    @Override
    public void onNodeSuccess(Request request, long latencyNanos, DriverExecutionProfile profile, Node node, String prefix) {
        sent(request);
    }

    @Override
    public void onNodeError(Request request, Throwable error, long latencyNanos, DriverExecutionProfile profile, Node node,
            String prefix) {
        sent(request);
        if (recordTexts) {
            texts.computeIfAbsent("error from the node: " + error, ignored -> new LongAdder()).increment();
        }
    }

    private void sent(Request request) {
        sent.increment();
        if (!recordTexts) return;
        String text;
        if (request instanceof BoundStatement bound) {
            text = bound.getPreparedStatement().getQuery();
        } else if (request instanceof SimpleStatement simple) {
            text = simple.getQuery();
        } else {
            text = request.getClass().getSimpleName();
        }
        if (request instanceof Statement<?> statement) {
            text += " [consistency " + statement.getConsistencyLevel() + ", serial " + statement.getSerialConsistencyLevel()
                    + ", idempotent " + statement.isIdempotent() + "]";
        }
        texts.computeIfAbsent(text, ignored -> new LongAdder()).increment();
    }

    @Override
    public void close() {
    }
}
