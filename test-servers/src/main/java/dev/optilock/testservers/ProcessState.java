package dev.optilock.testservers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The state letter of a process or thread in {@code /proc} (R running, S sleeping, T stopped, ...). */
final class ProcessState {
    /** What {@link #of} returns for a thread that ended while it was read. */
    static final char GONE = '-';

    private ProcessState() {
    }

    /**
     * The state in {@code stat} ({@code /proc/PID/stat} or {@code /proc/PID/task/TID/stat}): the field after the
     * command name, which is in parentheses and may itself hold spaces and parentheses.
     */
    static char of(Path stat) {
        String line;
        try {
            line = Files.readString(stat);
        } catch (IOException e) {
            return GONE;
        }
        int end = line.lastIndexOf(')');
        return end < 0 || end + 2 >= line.length() ? GONE : line.charAt(end + 2);
    }
}
