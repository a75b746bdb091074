package dev.optilock.sql;

import dev.optilock.ColumnType;
import dev.optilock.spi.StoreUrl;
import java.sql.SQLException;
import java.util.Set;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** H2: a write, then a probe when it changed nothing (H2 has no data-modifying common table expressions). */
final class H2Dialect extends Dialect {
    static final H2Dialect INSTANCE = new H2Dialect();
    private static final int PORT = 9092;
    /** Connection broken, database closed, database called at shutdown. */
    private static final Set<Integer> LOST_CODES = Set.of(90067, 90098, 90121);
    /** H2 error codes (org.h2.api.ErrorCode), not referenced directly so that H2 stays optional. */
    private static final int LOCK_TIMEOUT = 50200;
    private static final int DEADLOCK = 40001;
    private static final int CONCURRENT_UPDATE = 90131;
    private static final int TABLE_NOT_FOUND = 42102;
    private static final int TABLE_NOT_FOUND_DATABASE_EMPTY = 42104;
    private static final int COLUMN_NOT_FOUND = 42122;

    private H2Dialect() {
        super(SqlFlavor.H2, SQLDialect.H2, "jdbc:h2:", "com.h2database:h2", WriteStyle.WRITE_THEN_PROBE);
    }

    @Override
    String driverConnection() {
        return "org.h2.jdbc.JdbcConnection";
    }

    @Override
    String columnTypeName(ColumnType type) {
        return switch (type) {
            case TEXT -> "character varying";
            case INT -> "integer";
            case BIGINT -> "bigint";
            case BOOLEAN -> "boolean";
            case DOUBLE -> "double precision";
            // NUMERIC without precision has scale 0 in H2 and would round 1.50 to 2; DECFLOAT keeps the value.
            case DECIMAL -> "decfloat";
            case UUID -> "uuid";
            case TIMESTAMP -> "timestamp with time zone";
            case BYTES -> "binary varying";
        };
    }

    @Override
    DataType<?> bindType(ColumnType type) {
        // jOOQ renders cast(? as numeric) for NUMERIC parameters on H2, which rounds to scale 0: bind untyped.
        return type == ColumnType.DECIMAL ? SQLDataType.OTHER : super.bindType(type);
    }

    @Override
    Field<Object> plusOneMillisecond(Field<Object> timestamp) {
        return DSL.field("({0} + interval '0.001' second)", timestamp.getDataType(), timestamp);
    }

    /** {@code H2 at HOST:PORT (database PATH)} or {@code H2 in-process database PATH}. */
    @Override
    String location(StoreUrl url) {
        String rest = url.path();
        for (String remote : new String[] {"tcp://", "ssl://"}) {
            if (rest.startsWith(remote)) {
                String after = rest.substring(remote.length());
                int slash = after.indexOf('/');
                String hostPort = slash < 0 ? after : after.substring(0, slash);
                int colon = hostPort.lastIndexOf(':');
                String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
                int port = colon < 0 ? PORT : parsePort(hostPort.substring(colon + 1));
                return "H2 at " + host + ":" + port + (slash < 0 ? "" : " (database " + after.substring(slash + 1) + ")");
            }
        }
        return "H2 in-process database " + rest;
    }

    private static int parsePort(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return PORT;
        }
    }

    @Override
    boolean isConnectionLost(SQLException e) {
        return LOST_CODES.contains(e.getErrorCode());
    }

    @Override
    boolean isMissingTable(SQLException e) {
        return e.getErrorCode() == TABLE_NOT_FOUND || e.getErrorCode() == TABLE_NOT_FOUND_DATABASE_EMPTY
                || "42S02".equals(e.getSQLState());
    }

    @Override
    boolean isMissingColumn(SQLException e) {
        return e.getErrorCode() == COLUMN_NOT_FOUND || "42S22".equals(e.getSQLState());
    }

    @Override
    boolean isRolledBack(SQLException e) {
        int code = e.getErrorCode();
        return code == LOCK_TIMEOUT || code == DEADLOCK || code == CONCURRENT_UPDATE;
    }

    @Override
    boolean mayStoreOtherwise(ColumnType type) {
        return type == ColumnType.DOUBLE || super.mayStoreOtherwise(type);
    }

    /** Also: H2 stores {@code -0.0} as {@code 0.0}. */
    @Override
    boolean storesExactly(ColumnType type, Object value) {
        if (value instanceof Double number && Double.doubleToRawLongBits(number) == Double.doubleToRawLongBits(-0.0)) return false;
        return super.storesExactly(type, value);
    }
}
