package dev.optilock.internal;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Equality, hashing and printing of column values: byte arrays by content, decimals by numeric value. The one
 * definition that rows, keys and the reference backend's conditions share.
 */
public final class Values {
    private Values() {
    }

    public static boolean same(Object a, Object b) {
        if (a == b) return true;
        if (a == null || b == null) return false;
        if (a instanceof byte[] x && b instanceof byte[] y) return Arrays.equals(x, y);
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) return x.compareTo(y) == 0;
        return a.equals(b);
    }

    public static int hash(Object value) {
        if (value == null) return 0;
        if (value instanceof byte[] bytes) return Arrays.hashCode(bytes);
        if (value instanceof BigDecimal decimal) {
            return decimal.signum() == 0 ? 0 : decimal.stripTrailingZeros().hashCode();
        }
        return value.hashCode();
    }

    public static String toString(Object value) {
        if (value instanceof byte[] bytes) return "0x" + HexFormat.of().formatHex(bytes);
        if (value instanceof String text) return "'" + text + "'";
        return String.valueOf(value);
    }
}
