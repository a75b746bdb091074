package dev.optilock.benchmarks;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Progress lines on stderr. */
final class Log {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Log() {
    }

    static void info(String format, Object... arguments) {
        System.err.println(LocalTime.now().format(TIME) + " " + String.format(Locale.ROOT, format, arguments));
    }
}
