package dev.optilock.spi.semantics;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Equality, hashing and printing of column values, as every backend must match them: byte arrays are equal
 * by content, decimals by numeric value ({@code 1.0} equals {@code 1.00}), every other value by
 * {@link Object#equals}. {@link dev.optilock.Row}, {@link dev.optilock.PrimaryKey} and {@link Conditions} use
 * this one definition.
 */
public final class Values {
    private Values() {
    }

    /** Whether {@code a} and {@code b} are the same column value (both null counts as the same). */
    public static boolean same(Object a, Object b) {
        if (a == b) return true;
        if (a == null || b == null) return false;
        if (a instanceof byte[] x && b instanceof byte[] y) return Arrays.equals(x, y);
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) return x.compareTo(y) == 0;
        return a.equals(b);
    }

    /** A hash code consistent with {@link #same}: values that are the same hash alike. */
    public static int hash(Object value) {
        if (value == null) return 0;
        if (value instanceof byte[] bytes) return Arrays.hashCode(bytes);
        if (value instanceof BigDecimal decimal) {
            return decimal.signum() == 0 ? 0 : decimal.stripTrailingZeros().hashCode();
        }
        return value.hashCode();
    }

    /** The value as messages print it: text quoted, bytes in hexadecimal, anything else as {@code String.valueOf}. */
    public static String toString(Object value) {
        if (value instanceof byte[] bytes) return "0x" + HexFormat.of().formatHex(bytes);
        if (value instanceof String text) return "'" + text + "'";
        return String.valueOf(value);
    }
}
