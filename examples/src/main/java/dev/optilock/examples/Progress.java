package dev.optilock.examples;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * One live status line, redrawn in place with a carriage return while an act runs, then replaced by the act's
 * final line. When the output is not a terminal the live redraws are skipped and only the final lines are printed.
 */
final class Progress {
    private static final long REFRESH_MILLIS = 100;

    private final PrintStream out;
    private final boolean live;
    private final Object lock = new Object();
    private Thread ticker;
    private volatile boolean running;
    private int lastWidth;

    Progress(PrintStream out, boolean live) {
        this.out = out;
        this.live = live;
    }

    /** Whether this JVM writes to a terminal (the default for live redraws). */
    static boolean terminal() {
        String forced = System.getenv("OPTILOCK_PROGRESS");
        if ("always".equalsIgnoreCase(forced)) return true;
        if ("never".equalsIgnoreCase(forced)) return false;
        return System.console() != null;
    }

    /** Starts redrawing {@code label + status.get()} until {@link #done}. */
    void start(String label, Supplier<String> status) {
        if (!live) return;
        running = true;
        ticker = new Thread(() -> {
            while (running) {
                draw(label + status.get());
                try {
                    Thread.sleep(REFRESH_MILLIS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }, "race-progress");
        ticker.setDaemon(true);
        ticker.start();
    }

    /** Stops the live line, if one is running, and ends it with a line break (after a failure). */
    void abandon() {
        if (ticker == null) return;
        stopTicker();
        synchronized (lock) {
            if (lastWidth > 0) out.println();
            lastWidth = 0;
            out.flush();
        }
    }

    /** Stops the live line and prints {@code line} in its place. */
    void done(String line) {
        stopTicker();
        synchronized (lock) {
            if (live && lastWidth > 0) {
                out.print("\r" + pad(line, lastWidth) + "\n");
            } else {
                out.println(line);
            }
            lastWidth = 0;
            out.flush();
        }
    }

    private void stopTicker() {
        if (ticker != null) {
            running = false;
            ticker.interrupt();
            try {
                ticker.join(1000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            ticker = null;
        }
    }

    private void draw(String line) {
        synchronized (lock) {
            if (!running) return;
            out.print("\r" + pad(line, lastWidth));
            out.flush();
            lastWidth = line.length();
        }
    }

    private static String pad(String line, int width) {
        return line.length() >= width ? line : line + " ".repeat(width - line.length());
    }

    /** A text bar such as {@code [#####.....]}. */
    static String bar(long done, long total, int width) {
        int filled = total <= 0 ? width : (int) Math.min(width, done * width / total);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
    }
}
