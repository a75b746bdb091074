package dev.optilock.cql;

import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.spi.WriteOutcome;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Reads of one row at the serial consistency, so that they see every LWT that applied before them. */
final class CqlReads {
    private final CqlStatements statements;
    private final CqlRequests requests;

    CqlReads(CqlStatements statements, CqlRequests requests) {
        this.statements = statements;
        this.requests = requests;
    }

    /** The row with {@code key}, if any. */
    CompletionStage<Optional<Row>> find(EntitySpec spec, PrimaryKey key) {
        return requests.read(statements.select(spec, key), spec, key).thenApply(result -> {
            com.datastax.oss.driver.api.core.cql.Row found = result.one();
            return found == null ? Optional.<Row>empty() : Optional.of(CqlValues.toRow(spec, key, found));
        });
    }

    /** The outcome of a write that cannot apply (a condition on a key column is false): not applied, or not found. */
    CompletionStage<WriteOutcome> unwritten(EntitySpec spec, PrimaryKey key) {
        return find(spec, key).thenApply(found -> found.<WriteOutcome>map(WriteOutcome.NotApplied::new)
                .orElse(WriteOutcome.NotFound.INSTANCE));
    }
}
