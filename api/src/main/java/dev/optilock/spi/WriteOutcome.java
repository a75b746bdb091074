package dev.optilock.spi;

import dev.optilock.Row;

/** What a backend reports for one conditional write. */
public sealed interface WriteOutcome {

    /**
     * The write was applied.
     *
     * @param row the whole row after the write (for a delete: the row before it), or null when the backend
     *        cannot know it without another round trip (Cassandra answers an applied LWT with
     *        {@code [applied]} only); the API layer then derives it from the row it read before the write
     *        ({@code modify}) or reads it
     */
    record Applied(Row row) implements WriteOutcome {
        /** An applied write reported without its row (one instance serves every such answer). */
        public static final Applied WITHOUT_ROW = new Applied(null);
    }

    /**
     * The row exists but the condition failed (for an insert: the key is taken).
     *
     * @param current the row's current values as the backend saw them when it rejected the write: the
     *        whole row, or at least the columns the condition named; null if the backend reports nothing
     */
    record NotApplied(Row current) implements WriteOutcome {
    }

    /** There is no row with the key. */
    record NotFound() implements WriteOutcome {
        public static final NotFound INSTANCE = new NotFound();
    }
}
