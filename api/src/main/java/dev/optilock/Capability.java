package dev.optilock;

/** Optional behaviours a backend may declare; the TCK checks each declared one. */
public enum Capability {
    /**
     * Reads are definitive after an unknown outcome: once a read returns, a write whose outcome was unknown can no
     * longer be applied later (the reference backend, SQL databases). Informational: the store no longer infers "not
     * applied" from a read (a row at the expected version, or no row, proves nothing once a concurrent delete,
     * re-insert or update can intervene); it settles unknown outcomes with write identities instead
     * ({@link #WRITE_IDENTITY}).
     */
    DEFINITIVE_READS,
    /**
     * Declared by the store, on any backend, when it keeps write identities ({@link StoreOptions#writeIdentities()}):
     * every row carries the identity of the write that produced it and deletes leave invisible tombstones, so a key's
     * versions never repeat across delete and re-insert, and an unknown outcome is settled by sending the same write
     * again or by finding its identity in the row.
     */
    WRITE_IDENTITY,
    /** A conflict reports the whole current row without an extra round trip. */
    CURRENT_ROW_ON_CONFLICT,
    /** The backend can inject faults (lost responses) for tests of unknown outcomes. */
    FAULT_INJECTION
}
