package dev.optilock.sql;

import java.util.List;

/**
 * Keeps jOOQ from printing its logo and a "tip of the day" when the first statement is rendered: a library should
 * not write to an application's output. jOOQ offers only JVM-wide system properties for this; Optilock sets each one
 * to {@code true} unless the application has set it already, so an application that wants them keeps them.
 */
final class QuietJooq {
    static final List<String> PROPERTIES = List.of("org.jooq.no-logo", "org.jooq.no-tips");

    private QuietJooq() {
    }

    /** Sets each of {@link #PROPERTIES} that is unset to {@code true}; call before jOOQ renders anything. */
    static void apply() {
        for (String property : PROPERTIES) {
            if (System.getProperty(property) == null) System.setProperty(property, "true");
        }
    }
}
