package dev.optilock.cql;

import dev.optilock.Condition;
import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.VersionKind;
import dev.optilock.cql.CqlStatements.IfPart;
import dev.optilock.spi.Assignment;
import dev.optilock.spi.semantics.Assignments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one update is sent. Cassandra answers an applied LWT with {@code [applied]} only, and Optilock reports the
 * whole row after every write, so the choice depends on whether that row is known without reading it:
 * <ul>
 *   <li>{@link KeyConditionFalse}: a condition on a key column is false; nothing is sent but a read;</li>
 *   <li>{@link OneStatement}: plain values whose row after the write the key, the values and the columns the
 *       condition pins determine (or a server that returns old rows): one LWT;</li>
 *   <li>{@link ReadThenCompareAndSet}: everything else (increments, a LONG or TIMESTAMP version that follows the
 *       current one, columns the write leaves as they are): a SERIAL read, then a compare-and-set.</li>
 * </ul>
 */
sealed interface UpdatePlan {

    /** A condition on a key column is false for this key: the write cannot apply. */
    record KeyConditionFalse() implements UpdatePlan {
    }

    /**
     * One LWT setting {@code sets} if {@code parts} hold; {@code determined} is the row after it, or null when only
     * the server's old row will tell.
     */
    record OneStatement(List<Assignment> assignments, Map<String, Object> sets, List<IfPart> parts, Row determined)
            implements UpdatePlan {
    }

    /** A read, then a compare-and-set of {@code assignments} under {@code parts} and every column as read. */
    record ReadThenCompareAndSet(List<Assignment> assignments, List<IfPart> parts) implements UpdatePlan {
    }

    /**
     * The plan for an update of the row with {@code key}.
     *
     * @param oldRowOnApplied whether the server is known to return the old row with an applied LWT
     */
    static UpdatePlan of(EntitySpec spec, PrimaryKey key, List<Assignment> assignments, Condition condition,
            boolean oldRowOnApplied) {
        List<Assignment> normalized = new ArrayList<>(assignments.size());
        boolean needsCurrentRow = false;
        for (Assignment assignment : assignments) {
            if (assignment instanceof Assignment.NextVersion next && next.kind() == VersionKind.UUID) {
                normalized.add(new Assignment.SetValue(next.column(), next.candidate()));
            } else {
                normalized.add(assignment);
                needsCurrentRow |= !(assignment instanceof Assignment.SetValue);
            }
        }
        List<IfPart> parts = CqlStatements.ifParts(spec, key, condition);
        if (parts == null) return new KeyConditionFalse();
        if (!needsCurrentRow) {
            Map<String, Object> sets = new LinkedHashMap<>();
            for (Assignment assignment : normalized) sets.put(assignment.column(), ((Assignment.SetValue) assignment).value());
            Row determined = Assignments.determined(spec, key, normalized, condition);
            if (determined != null || oldRowOnApplied) return new OneStatement(normalized, sets, parts, determined);
        }
        return new ReadThenCompareAndSet(normalized, parts);
    }
}
