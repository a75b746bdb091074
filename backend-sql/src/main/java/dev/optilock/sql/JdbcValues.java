package dev.optilock.sql;

import dev.optilock.ColumnType;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jooq.DataType;
import org.jooq.impl.SQLDataType;

/** Binds column values to statements and reads them back, as the Java type of each {@link ColumnType}. */
final class JdbcValues {
    private JdbcValues() {
    }

    /** The jOOQ type of a column, used to render expressions on it. */
    static DataType<?> fieldType(ColumnType type) {
        return switch (type) {
            case TEXT -> SQLDataType.VARCHAR;
            case INT -> SQLDataType.INTEGER;
            case BIGINT -> SQLDataType.BIGINT;
            case BOOLEAN -> SQLDataType.BOOLEAN;
            case DOUBLE -> SQLDataType.DOUBLE;
            case DECIMAL -> SQLDataType.NUMERIC;
            case UUID -> SQLDataType.UUID;
            case TIMESTAMP -> SQLDataType.TIMESTAMPWITHTIMEZONE;
            case BYTES -> SQLDataType.VARBINARY;
        };
    }

    static void bind(PreparedStatement statement, int index, Object value, ColumnType type) throws SQLException {
        if (value == null) {
            statement.setNull(index, nullType(type));
            return;
        }
        switch (type) {
            case TEXT -> statement.setString(index, (String) value);
            case INT -> statement.setInt(index, (Integer) value);
            case BIGINT -> statement.setLong(index, (Long) value);
            case BOOLEAN -> statement.setBoolean(index, (Boolean) value);
            case DOUBLE -> statement.setDouble(index, (Double) value);
            case DECIMAL -> statement.setBigDecimal(index, (BigDecimal) value);
            case UUID -> statement.setObject(index, value);
            case TIMESTAMP -> statement.setObject(index, ((Instant) value).atOffset(ZoneOffset.UTC));
            case BYTES -> statement.setBytes(index, (byte[]) value);
        }
    }

    static Object read(ResultSet result, int index, ColumnType type) throws SQLException {
        switch (type) {
            case TEXT:
                return result.getString(index);
            case INT: {
                int value = result.getInt(index);
                return result.wasNull() ? null : value;
            }
            case BIGINT: {
                long value = result.getLong(index);
                return result.wasNull() ? null : value;
            }
            case BOOLEAN: {
                boolean value = result.getBoolean(index);
                return result.wasNull() ? null : value;
            }
            case DOUBLE: {
                double value = result.getDouble(index);
                return result.wasNull() ? null : value;
            }
            case DECIMAL:
                return result.getBigDecimal(index);
            case UUID:
                return result.getObject(index, UUID.class);
            case TIMESTAMP: {
                OffsetDateTime value = result.getObject(index, OffsetDateTime.class);
                return value == null ? null : value.toInstant().truncatedTo(ChronoUnit.MILLIS);
            }
            case BYTES:
                return result.getBytes(index);
            default:
                throw new AssertionError(type);
        }
    }

    private static int nullType(ColumnType type) {
        return switch (type) {
            case TEXT -> Types.VARCHAR;
            case INT -> Types.INTEGER;
            case BIGINT -> Types.BIGINT;
            case BOOLEAN -> Types.BOOLEAN;
            case DOUBLE -> Types.DOUBLE;
            case DECIMAL -> Types.NUMERIC;
            case UUID -> Types.OTHER;
            case TIMESTAMP -> Types.TIMESTAMP_WITH_TIMEZONE;
            case BYTES -> Types.VARBINARY;
        };
    }
}
