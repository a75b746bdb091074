package dev.optilock;

/**
 * A snapshot of what a store's writes have done since it was opened.
 *
 * @param applied writes that were applied (including unknown outcomes later proved applied)
 * @param conflicts writes rejected because the row was not as required: a version mismatch, a failed
 *        custom condition, an insert that found a row
 * @param notFound writes rejected because there was no visible row
 * @param retries attempts that a {@link RetryPolicy} started again
 * @param unknownOutcomes writes whose outcome reached the caller as unknown ({@link OutcomeUnknownException})
 * @param settledOutcomes writes whose outcome the backend could not report at first and the store then settled
 *        (each is also counted by its settled outcome: applied, conflict or not found)
 */
public record StoreCounters(long applied, long conflicts, long notFound, long retries, long unknownOutcomes,
        long settledOutcomes) {
}
