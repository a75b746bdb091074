package dev.optilock;

import java.time.Duration;

/**
 * One finished repository operation, as a {@link StoreListener} sees it.
 *
 * @param entityName the table
 * @param operation what was attempted
 * @param outcome how it ended
 * @param elapsed the time spent in the backend for this attempt
 */
public record OperationEvent(String entityName, Operation operation, Outcome outcome, Duration elapsed) {

    /**
     * The primitive operations a repository performs; {@code GROUP} is one atomic group
     * ({@link VersionedRepository#applyAtomically}): one event per group, {@code CONFLICT} when it was refused.
     */
    public enum Operation { FIND, INSERT, UPDATE, DELETE, GROUP }

    /** How an operation ended. */
    public enum Outcome {
        /** A read returned, or a write was applied. */
        APPLIED,
        /** A write was rejected by its version or condition, or an insert found a row. */
        CONFLICT,
        /** There was no visible row. */
        NOT_FOUND,
        /** A retry policy is about to try again. */
        RETRY,
        /** The outcome of the write is unknown, and the caller gets {@link dev.optilock.OutcomeUnknownException}. */
        UNKNOWN,
        /**
         * The backend could not report the write's outcome, and the store settled it; an event with the settled
         * outcome follows.
         */
        SETTLED,
        /** The operation failed for another reason. */
        FAILED
    }
}
