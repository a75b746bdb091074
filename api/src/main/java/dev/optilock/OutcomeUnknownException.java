package dev.optilock;

/**
 * A write may or may not have been applied: the backend timed out or the connection was lost after the
 * write was sent. It is never reported as success or as a conflict.
 *
 * <p>On a store with write identities ({@link StoreOptions#writeIdentities()}) Optilock first settles the outcome:
 * it sends a write whose condition pins a state that cannot come back again, unchanged, or reads the row, until the
 * row's identities prove what happened; the operation then returns or fails with its real outcome (success,
 * conflict, not found), and this exception reaches the caller only when no answer is possible in time. Without
 * write identities, only a row carrying the write's own UUID version proves it applied. {@link #resolution()} says
 * what is known; {@link RetryPolicy} retries only {@link Resolution#NOT_APPLIED}.
 */
public class OutcomeUnknownException extends TransientOptilockException {
    /** What is known about the write after the attempt to resolve it. */
    public enum Resolution {
        /**
         * The write was proved not applied and will not be: safe to retry. (The store reports a settled "not applied"
         * as the conflict or absence it was, so it raises this only from backends or callers that construct it.)
         */
        NOT_APPLIED,
        /**
         * The write was proved applied, but the row it wrote is not known (a later write replaced it before the outcome
         * was settled): do not repeat it.
         */
        APPLIED,
        /** It may or may not have been applied. */
        UNKNOWN
    }

    private final String entityName;
    private final Object key;
    private final Resolution resolution;

    public OutcomeUnknownException(String entityName, Object key, Resolution resolution, String detail, Throwable cause) {
        super("outcome of write to " + entityName + " " + key + " is "
                + switch (resolution) {
                    case NOT_APPLIED -> "resolved: not applied";
                    case APPLIED -> "resolved: applied, but the row it wrote is not known";
                    case UNKNOWN -> "unknown: it may or may not have been applied";
                }
                + (detail == null ? "" : " (" + detail + ")"), cause);
        this.entityName = entityName;
        this.key = key;
        this.resolution = resolution;
    }

    public String entityName() {
        return entityName;
    }

    public Object key() {
        return key;
    }

    public Resolution resolution() {
        return resolution;
    }
}
