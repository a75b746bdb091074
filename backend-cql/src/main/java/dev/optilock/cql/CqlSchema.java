package dev.optilock.cql;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.optilock.BackendException;
import dev.optilock.BackendUnavailableException;
import dev.optilock.ColumnDefinition;
import dev.optilock.EntitySpec;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Creates keyspaces and tables, waits for schema agreement, and checks that an existing table has the
 * definition the spec asks for.
 */
final class CqlSchema {
    private static final Duration MIN_DDL_TIMEOUT = Duration.ofSeconds(30);
    /** Attempts of a schema read, each on the next node, sharing the DDL timeout. */
    private static final int READ_ATTEMPTS = 3;

    private final CqlSession session;
    private final CqlStatements statements;
    private final CqlSettings settings;
    private final Duration ddlTimeout;
    private volatile boolean keyspaceChecked;

    CqlSchema(CqlSession session, CqlStatements statements, CqlSettings settings) {
        this.session = session;
        this.statements = statements;
        this.settings = settings;
        Duration timeout = settings.timeout() == null ? Duration.ZERO : settings.timeout();
        this.ddlTimeout = timeout.compareTo(MIN_DDL_TIMEOUT) > 0 ? timeout : MIN_DDL_TIMEOUT;
    }

    /** Creates the keyspace (if absent) and the table (if absent), then checks the table's definition. */
    void createTable(EntitySpec spec) {
        String table = settings.keyspace() + "." + spec.table();
        if (!keyspaceChecked) {
            ResultSet keyspaces = read(SimpleStatement.newInstance(
                    "SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?", settings.keyspace()),
                    "reading the schema of keyspace " + settings.keyspace());
            if (keyspaces.one() == null) {
                ddl(statements.createKeyspace(settings.replication()), "creating keyspace " + settings.keyspace());
            }
            keyspaceChecked = true;
        }
        Map<String, String> expected = expectedColumns(spec);
        Map<String, String> actual = columns(spec, table);
        if (actual.isEmpty()) {
            ddl(statements.createTable(spec), "creating table " + table);
            actual = columns(spec, table);
        }
        if (!actual.equals(expected)) {
            throw new BackendException("table " + table + " exists with another definition: expected " + expected
                    + ", found " + actual, null);
        }
    }

    private Map<String, String> columns(EntitySpec spec, String table) {
        Map<String, String> actual = new TreeMap<>();
        ResultSet columns = read(SimpleStatement.newInstance(
                "SELECT column_name, kind, position, type FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?",
                settings.keyspace(), spec.table()), "reading the schema of table " + table);
        for (com.datastax.oss.driver.api.core.cql.Row column : columns) {
            actual.put(column.getString("column_name"), describe(column.getString("kind"), column.getInt("position"),
                    column.getString("type")));
        }
        return actual;
    }

    private static Map<String, String> expectedColumns(EntitySpec spec) {
        Map<String, String> expected = new TreeMap<>();
        for (ColumnDefinition column : spec.columns()) {
            String kind;
            int position;
            if (spec.partitionKey().contains(column.name())) {
                kind = "partition_key";
                position = spec.partitionKey().indexOf(column.name());
            } else if (spec.clusteringKey().contains(column.name())) {
                kind = "clustering";
                position = spec.clusteringKey().indexOf(column.name());
            } else {
                kind = "regular";
                position = -1;
            }
            expected.put(column.name(), describe(kind, position, CqlValues.cqlType(column.type())));
        }
        return expected;
    }

    private static String describe(String kind, int position, String type) {
        return kind + (position >= 0 ? "#" + position : "") + " " + type;
    }

    private void ddl(String cql, String what) {
        ResultSet result = run(SimpleStatement.newInstance(cql), what);
        if (result.getExecutionInfo().isSchemaInAgreement()) return;
        long deadline = System.nanoTime() + ddlTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (session.checkSchemaAgreement()) return;
            try {
                Thread.sleep(200);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new BackendUnavailableException(what + ": the nodes did not agree on the schema within " + ddlTimeout, null);
    }

    /**
     * Reads the schema tables, which each node answers from its own copy: an attempt that times out (its coordinator
     * paused or overloaded) is sent again, to the next node of the driver's plan, within the DDL timeout.
     */
    private ResultSet read(SimpleStatement statement, String what) {
        Duration perAttempt = ddlTimeout.dividedBy(READ_ATTEMPTS);
        for (int attempt = 1; ; attempt++) {
            try {
                return session.execute(statement.setConsistencyLevel(DefaultConsistencyLevel.LOCAL_ONE).setIdempotent(true)
                        .setTimeout(perAttempt));
            } catch (DriverTimeoutException timeout) {
                if (attempt >= READ_ATTEMPTS) throw CqlFailures.ofRead(timeout, what);
            } catch (RuntimeException failure) {
                throw CqlFailures.ofRead(failure, what);
            }
        }
    }

    private ResultSet run(SimpleStatement statement, String what) {
        try {
            return session.execute(statement.setConsistencyLevel(DefaultConsistencyLevel.LOCAL_ONE).setTimeout(ddlTimeout));
        } catch (RuntimeException failure) {
            throw CqlFailures.ofRead(failure, what);
        }
    }
}
