package dev.optilock.cql;

import com.datastax.oss.driver.api.core.cql.Row;
import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;

/**
 * What the server puts in the response to an applied LWT, learned from the responses themselves: Cassandra answers
 * {@code [applied]} alone, ScyllaDB adds the row as it was before the write. Once a server has shown that it returns
 * old rows, plain-value updates need no read to report the row after them.
 */
final class AppliedResponses {
    private volatile boolean oldRowOnApplied;

    /** Whether the server has been seen returning the old row with an applied LWT. */
    boolean carryOldRow() {
        return oldRowOnApplied;
    }

    /** Stop relying on old rows: a server that returned them did not, this time. */
    void forgetOldRows() {
        oldRowOnApplied = false;
    }

    /**
     * The existing row before the write that {@code response} (to an applied LWT) carries, or null: Cassandra carries
     * none, and a write that created the row had no old row. Remembers that the server returns old rows.
     */
    dev.optilock.Row oldRow(EntitySpec spec, PrimaryKey key, Row response) {
        if (CqlValues.dataColumns(response) == 0) return null;
        dev.optilock.Row old = CqlValues.toRow(spec, key, response);
        if (!CqlValues.isComplete(spec, old)) return null;
        oldRowOnApplied = true;
        return CqlValues.exists(spec, old) ? old : null;
    }
}
