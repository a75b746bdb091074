package dev.optilock;

/**
 * How a row's version advances. The library, never the database, chooses every new version, so every
 * backend can report it without an extra read.
 */
public enum VersionKind {
    /**
     * A {@code long} that starts at 1 and grows by one per applied write. Negative versions are the library's: on a
     * store with write identities, the invisible tombstone a delete leaves of a row at version {@code v} holds
     * {@code -1 - v}, and a re-insert of the key continues at {@code v + 1}.
     */
    LONG(ColumnType.BIGINT),
    /** A fresh random {@link java.util.UUID} per applied write; never repeats. */
    UUID(ColumnType.UUID),
    /**
     * An {@link java.time.Instant} with millisecond precision that strictly increases per row: the later of
     * the store's clock and the previous version plus one millisecond, so it advances even when the clock
     * stands still or goes back.
     */
    TIMESTAMP(ColumnType.TIMESTAMP);

    private final ColumnType columnType;

    VersionKind(ColumnType columnType) {
        this.columnType = columnType;
    }

    /** The column type that holds versions of this kind. */
    public ColumnType columnType() {
        return columnType;
    }
}
