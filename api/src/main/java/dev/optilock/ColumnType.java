package dev.optilock;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The column types every backend supports, each with the one Java type its values have in a {@link Row}.
 *
 * <p>Values are normalised on the way in: {@link #TIMESTAMP} values are truncated to milliseconds so that
 * they mean the same on every backend, {@link #BYTES} values are copied, and narrower Java types are
 * widened where no information is lost ({@code int} to {@code long}, {@code float} to {@code double}).
 */
public enum ColumnType {
    TEXT(String.class),
    INT(Integer.class),
    BIGINT(Long.class),
    BOOLEAN(Boolean.class),
    DOUBLE(Double.class),
    DECIMAL(BigDecimal.class),
    UUID(java.util.UUID.class),
    TIMESTAMP(Instant.class),
    BYTES(byte[].class);

    private final Class<?> javaType;

    ColumnType(Class<?> javaType) {
        this.javaType = javaType;
    }

    /** The Java type of this column's values in a {@link Row}. */
    public Class<?> javaType() {
        return javaType;
    }

    /** Whether values of this type can be incremented by {@link Changes#increment}. */
    public boolean isNumeric() {
        return this == INT || this == BIGINT || this == DOUBLE || this == DECIMAL;
    }

    /** Whether {@code <}, {@code <=}, {@code >}, {@code >=} are defined the same way on every backend. */
    public boolean isOrdered() {
        return isNumeric() || this == TEXT || this == TIMESTAMP;
    }

    /**
     * Converts a user-supplied value to this type's Java type.
     *
     * @param column the column name, used in the error message
     * @param value the value, never null
     * @return the normalised value
     * @throws IllegalArgumentException if the value cannot represent this type without loss
     */
    public Object coerce(String column, Object value) {
        switch (this) {
            case TEXT:
                if (value instanceof String) return value;
                if (value instanceof Enum<?> constant) return constant.name();
                break;
            case INT:
                if (value instanceof Integer) return value;
                if (value instanceof Short || value instanceof Byte) return ((Number) value).intValue();
                break;
            case BIGINT:
                if (value instanceof Long) return value;
                if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
                    return ((Number) value).longValue();
                }
                break;
            case BOOLEAN:
                if (value instanceof Boolean) return value;
                break;
            case DOUBLE:
                if (value instanceof Double) return value;
                if (value instanceof Float f) return f.doubleValue();
                break;
            case DECIMAL:
                if (value instanceof BigDecimal) return value;
                if (value instanceof BigInteger big) return new BigDecimal(big);
                if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                    return BigDecimal.valueOf(((Number) value).longValue());
                }
                break;
            case UUID:
                if (value instanceof UUID) return value;
                break;
            case TIMESTAMP:
                if (value instanceof Instant instant) return instant.truncatedTo(ChronoUnit.MILLIS);
                break;
            case BYTES:
                if (value instanceof byte[] bytes) return bytes.clone();
                break;
            default:
                throw new AssertionError(this);
        }
        throw new IllegalArgumentException("column '" + column + "' is " + this + " (" + javaType.getSimpleName()
                + "); a value of type " + value.getClass().getName() + " is not accepted");
    }
}
