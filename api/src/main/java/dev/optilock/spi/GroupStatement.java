package dev.optilock.spi;

import dev.optilock.Condition;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import java.util.List;

/**
 * One write of an atomic group as the backend receives it ({@link Backend#applyGroup}). The API layer has read the
 * rows and sends plain values with conditions that pin each row's state, so a backend needs no arithmetic here.
 */
public sealed interface GroupStatement {

    /** The row written. */
    PrimaryKey key();

    /** Inserts the whole row if no row has its key. */
    record Insert(PrimaryKey key, Row row) implements GroupStatement {
    }

    /** Sets the values if the row exists and {@code condition} holds. */
    record Set(PrimaryKey key, List<Assignment.SetValue> values, Condition condition) implements GroupStatement {
        public Set {
            values = List.copyOf(values);
        }
    }

    /** Deletes the row if it exists and {@code condition} holds. */
    record Delete(PrimaryKey key, Condition condition) implements GroupStatement {
    }
}
