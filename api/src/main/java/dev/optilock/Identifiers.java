package dev.optilock;

import java.util.regex.Pattern;

/**
 * Rules for table and column names. Identifiers are lower case so that they mean the same, unquoted, in
 * SQL and CQL, and they are validated before they reach any statement.
 */
public final class Identifiers {
    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_]{0,47}");

    private Identifiers() {
    }

    /**
     * Returns {@code identifier} if it is a valid identifier: a lower-case ASCII letter, then up to 47
     * lower-case letters, digits or underscores.
     *
     * @param what what the identifier names, used in the error message
     * @throws IllegalArgumentException if it is null or invalid
     */
    public static String requireValid(String what, String identifier) {
        if (identifier == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (!VALID.matcher(identifier).matches()) {
            throw new IllegalArgumentException(what + " '" + identifier
                    + "' is not a valid identifier: use a lower-case letter followed by up to 47 lower-case letters, digits or '_'");
        }
        return identifier;
    }

    /** Converts a Java name such as {@code displayName} to {@code display_name}. */
    public static String snakeCase(String javaName) {
        StringBuilder out = new StringBuilder(javaName.length() + 4);
        for (int i = 0; i < javaName.length(); i++) {
            char c = javaName.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) out.append('_');
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
