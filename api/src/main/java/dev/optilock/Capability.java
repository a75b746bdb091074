package dev.optilock;

/** Optional behaviours a backend may declare; the TCK checks each declared one. */
public enum Capability {
    /**
     * Reads are definitive after an unknown outcome: once a read returns, a write whose outcome was
     * unknown can no longer be applied later, so a row still at the expected version proves the write was
     * not applied. Without it, unknown outcomes are only resolved when the row shows the write's own
     * UUID or TIMESTAMP version.
     */
    DEFINITIVE_READS,
    /** A conflict reports the whole current row without an extra round trip. */
    CURRENT_ROW_ON_CONFLICT,
    /** The backend can inject faults (lost responses) for tests of unknown outcomes. */
    FAULT_INJECTION
}
