package dev.optilock.cql;

import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.cql.CqlStatements.Cql;
import dev.optilock.cql.CqlStatements.IfPart;
import dev.optilock.spi.Assignment;
import dev.optilock.spi.GroupStatement;
import dev.optilock.spi.Stages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Atomic groups on Cassandra: the rows read in one SERIAL read of their partition, and the writes sent as one
 * conditional (LWT) batch, which Cassandra runs as one Paxos round on the partition: every condition holds and every
 * statement applies, or none does. Only {@code [applied]} is read from the answer, so the order in which Cassandra
 * (clustering order) and ScyllaDB (statement order) return the rows of a refused batch does not matter.
 */
final class CqlGroups {
    private final CqlStatements statements;
    private final CqlRequests requests;

    CqlGroups(CqlStatements statements, CqlRequests requests) {
        this.statements = statements;
        this.requests = requests;
    }

    CompletionStage<List<Optional<Row>>> find(EntitySpec spec, List<PrimaryKey> keys) {
        return Stages.start(() -> requests.read(statements.selectGroup(spec, keys), spec, keys.get(0)).thenApply(result -> {
            Map<PrimaryKey, Row> found = new HashMap<>();
            for (com.datastax.oss.driver.api.core.cql.Row driverRow : result.currentPage()) {
                Row row = CqlValues.toRow(spec, null, driverRow);
                found.put(spec.keyOf(row), row);
            }
            // A read of one page: a group holds at most GroupResult.MAX_WRITES rows, fewer than a page.
            List<Optional<Row>> rows = new ArrayList<>(keys.size());
            for (PrimaryKey key : keys) rows.add(Optional.ofNullable(found.get(key)));
            return rows;
        }));
    }

    CompletionStage<Boolean> apply(EntitySpec spec, List<GroupStatement> group) {
        return Stages.start(() -> {
            List<Cql> batch = new ArrayList<>(group.size());
            boolean[] unsetNulls = new boolean[group.size()];
            for (int i = 0; i < group.size(); i++) {
                GroupStatement statement = group.get(i);
                if (statement instanceof GroupStatement.Insert insert) {
                    batch.add(statements.insert(spec, insert.row().asMap()));
                    unsetNulls[i] = true; // as a single insert: no tombstone cells for null columns
                    continue;
                }
                dev.optilock.Condition condition = statement instanceof GroupStatement.Set set ? set.condition()
                        : ((GroupStatement.Delete) statement).condition();
                List<IfPart> parts = CqlStatements.ifParts(spec, statement.key(), condition);
                if (parts == null) return Stages.done(false); // a condition on a key column is false: nothing can apply
                List<IfPart> ifParts = CqlStatements.guarded(spec, parts);
                if (statement instanceof GroupStatement.Set set) {
                    Map<String, Object> sets = new LinkedHashMap<>();
                    for (Assignment.SetValue value : set.values()) sets.put(value.column(), value.value());
                    batch.add(statements.update(spec, statement.key(), sets, ifParts));
                } else {
                    batch.add(statements.delete(spec, statement.key(), ifParts));
                }
            }
            return requests.writeBatch(batch, unsetNulls, spec, group.get(0).key()).thenApply(result -> result.wasApplied());
        });
    }
}
