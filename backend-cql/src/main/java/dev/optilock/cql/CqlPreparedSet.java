package dev.optilock.cql;

import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import dev.optilock.spi.PreparedSet;
import dev.optilock.spi.WriteOutcome;
import java.util.List;

/**
 * A {@link PreparedSet} as one LWT: {@code UPDATE table SET columns WHERE key IF version = ? AND guard = null ...},
 * rendered once ({@link CqlStatements#preparedSet}) and prepared once for writes (its consistency levels, "not
 * idempotent" and timeout come with it, see {@link PreparedStatements}). A call binds its values with codecs found
 * once ({@link BoundValues}) and sends the bound statement on the caller's thread ({@link CqlRequests#writeAndWait}):
 * no text, map, condition or stage of its own per call.
 *
 * <p>Outcomes are those of {@link CqlBackend#set} with the same values and condition: an applied LWT is
 * {@link WriteOutcome.Applied#WITHOUT_ROW} (the store knows the row after it; ScyllaDB's answer holds the row before
 * it), a rejected one {@code NotApplied} with the version and guard columns Cassandra returns, or {@code NotFound} when
 * they show no row.
 */
final class CqlPreparedSet implements PreparedSet {
    private final EntitySpec spec;
    private final List<String> columns;
    private final String text;
    private final CqlRequests requests;
    /** Once prepared; until then (or after a failed PREPARE) each call asks {@link CqlRequests#preparedWrite} again. */
    private volatile BoundValues binder;

    CqlPreparedSet(EntitySpec spec, List<String> columns, String text, CqlRequests requests) {
        this.spec = spec;
        this.columns = columns;
        this.text = text;
        this.requests = requests;
    }

    @Override
    public WriteOutcome set(PrimaryKey key, Object[] values, Object expectedVersion) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(values.length + " values for the " + columns.size() + " columns " + columns);
        }
        if (expectedVersion == null) throw new IllegalArgumentException("expectedVersion must not be null");
        BoundValues binder = binder();
        BoundStatementBuilder request = binder.start();
        try {
            int marker = 0;
            for (Object value : values) binder.set(request, marker++, value);
            for (int i = 0; i < key.size(); i++) binder.set(request, marker++, key.get(i));
            binder.set(request, marker, expectedVersion);
        } catch (RuntimeException bindFailure) {
            throw CqlRequests.bindFailure(true, spec, key, text, bindFailure);
        }
        com.datastax.oss.driver.api.core.cql.Row response = requests.writeAndWait(request.build(), spec.table(), key).one();
        return CqlValues.applied(response) ? WriteOutcome.Applied.WITHOUT_ROW : CqlBackend.rejection(spec, key, response);
    }

    private BoundValues binder() {
        BoundValues prepared = binder;
        if (prepared == null) {
            prepared = requests.preparedWrite(text, spec.table());
            binder = prepared;
        }
        return prepared;
    }

    @Override
    public String toString() {
        return "CqlPreparedSet[" + text + "]";
    }
}
