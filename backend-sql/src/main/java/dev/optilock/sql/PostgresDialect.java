package dev.optilock.sql;

import dev.optilock.ColumnType;
import dev.optilock.spi.StoreUrl;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** PostgreSQL: one reporting statement per write, SQL states for every error. */
final class PostgresDialect extends Dialect {
    static final PostgresDialect INSTANCE = new PostgresDialect();
    private static final int PORT = 5432;
    /** Extra time the driver waits on a socket beyond the statement timeout, so that the cancel wins. */
    private static final int SOCKET_TIMEOUT_MARGIN_SECONDS = 10;
    /** The driver turns seconds into an int of milliseconds. */
    private static final long MAX_SOCKET_TIMEOUT_SECONDS = Integer.MAX_VALUE / 1000;
    /**
     * States that end a statement whose effect is not reported: the server terminated the session
     * (admin_shutdown, crash_shutdown, cannot_connect_now) or cancelled the statement (query_canceled, which is
     * what a query timeout produces).
     */
    private static final Set<String> LOST_STATES = Set.of("57P01", "57P02", "57P03", "57014");

    private PostgresDialect() {
        super(SqlFlavor.POSTGRESQL, SQLDialect.POSTGRES, "jdbc:postgresql:", "org.postgresql:postgresql",
                WriteStyle.PROBE_WITH_REPORTING_INSERTS);
    }

    /** {@code probe} (the default): updates and deletes probe after a write that changed nothing; {@code reporting}: the CTE. */
    @Override
    WriteStyle writeStyle(String writeStatement) {
        return "reporting".equals(writeStatement) ? WriteStyle.REPORTING_STATEMENT : super.writeStyle(writeStatement);
    }

    @Override
    String driverConnection() {
        return "org.postgresql.PGConnection";
    }

    @Override
    String columnTypeName(ColumnType type) {
        return switch (type) {
            case TEXT -> "text";
            case INT -> "integer";
            case BIGINT -> "bigint";
            case BOOLEAN -> "boolean";
            case DOUBLE -> "double precision";
            case DECIMAL -> "numeric";
            case UUID -> "uuid";
            case TIMESTAMP -> "timestamp with time zone";
            case BYTES -> "bytea";
        };
    }

    @Override
    Field<Object> plusOneMillisecond(Field<Object> timestamp) {
        return DSL.field("({0} + interval '1 millisecond')", timestamp.getDataType(), timestamp);
    }

    @Override
    String location(StoreUrl url) {
        String host = "localhost";
        int port = PORT;
        String database = url.path().startsWith("/") ? url.path().substring(1) : url.path();
        String others = "";
        if (!url.hosts().isEmpty()) {
            host = url.hosts().get(0).host();
            port = url.hosts().get(0).portOr(PORT);
            if (url.hosts().size() > 1) others = " and " + (url.hosts().size() - 1) + " other host(s)";
        }
        return "PostgreSQL at " + host + ":" + port + others + (database.isEmpty() ? "" : " (database " + database + ")");
    }

    /**
     * {@code ApplicationName=optilock}, and a {@code socketTimeout} a little beyond the statement timeout: the
     * server cancels a slow statement first, and a dead server cannot hold a connection forever.
     */
    @Override
    Map<String, String> defaultDriverProperties(ConnectionSettings settings) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (!settings.driverSets("ApplicationName")) properties.put("ApplicationName", "optilock");
        if (!settings.driverSets("socketTimeout")) {
            long timeoutSeconds = (Math.max(250, settings.timeout().toMillis()) + 999) / 1000;
            long seconds = Math.min(MAX_SOCKET_TIMEOUT_SECONDS, timeoutSeconds + SOCKET_TIMEOUT_MARGIN_SECONDS);
            properties.put("socketTimeout", Long.toString(seconds));
        }
        return properties;
    }

    @Override
    boolean isConnectionLost(SQLException e) {
        return e.getSQLState() != null && LOST_STATES.contains(e.getSQLState());
    }

    @Override
    boolean isMissingTable(SQLException e) {
        return "42P01".equals(e.getSQLState());
    }

    @Override
    boolean isMissingColumn(SQLException e) {
        return "42703".equals(e.getSQLState());
    }

    @Override
    boolean isRolledBack(SQLException e) {
        String state = e.getSQLState();
        // serialization_failure, deadlock_detected, lock_not_available (lock_timeout)
        return "40001".equals(state) || "40P01".equals(state) || "55P03".equals(state);
    }
}
