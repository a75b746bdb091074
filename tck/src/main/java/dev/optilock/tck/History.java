package dev.optilock.tck;

import java.util.ArrayList;
import java.util.List;

/**
 * A thread-safe record of operations on keys: when each was invoked and completed, and the transition its
 * outcome stands for. An operation with an unknown outcome is recorded with {@link #NEVER} as completion:
 * it may have taken effect at any time after its invocation, or never (as Jepsen records them).
 */
public final class History {
    /** The completion time of an operation whose outcome is unknown. */
    public static final long NEVER = Long.MAX_VALUE;

    /** One recorded operation. */
    public record Entry(String key, long invoked, long completed, RegisterModel.Transition transition, String description) {
        public boolean unknown() {
            return completed == NEVER;
        }

        @Override
        public String toString() {
            return description + " [" + invoked + ", " + (unknown() ? "?" : completed) + "]";
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    public synchronized void add(Entry entry) {
        entries.add(entry);
    }

    /** Records a completed operation. */
    public void completed(String key, long invoked, long completed, RegisterModel.Transition transition, String description) {
        add(new Entry(key, invoked, completed, transition, description));
    }

    /** Records an operation whose outcome is unknown. */
    public void unknown(String key, long invoked, RegisterModel.Transition transition, String description) {
        add(new Entry(key, invoked, NEVER, transition, description + " (outcome unknown)"));
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }
}
