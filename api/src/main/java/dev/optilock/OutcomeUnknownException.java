package dev.optilock;

/**
 * A write may or may not have been applied: the backend timed out or the connection was lost after the
 * write was sent. It is never reported as success or as a conflict.
 *
 * <p>Optilock tries to resolve the outcome by reading the row where such a read is definitive (a SERIAL
 * read on Cassandra; any read on the reference backend) and where the versions allow it: a row still at
 * the expected version was not written. When the read proves the write was applied, the operation
 * returns normally instead. {@link #resolution()} says what is known; {@link RetryPolicy} retries only
 * {@link Resolution#NOT_APPLIED}.
 */
public class OutcomeUnknownException extends TransientOptilockException {
    /** What is known about the write after the attempt to resolve it. */
    public enum Resolution {
        /** A definitive read proved the write was not applied and will not be: safe to retry. */
        NOT_APPLIED,
        /** It may or may not have been applied. */
        UNKNOWN
    }

    private final String entityName;
    private final Object key;
    private final Resolution resolution;

    public OutcomeUnknownException(String entityName, Object key, Resolution resolution, String detail, Throwable cause) {
        super("outcome of write to " + entityName + " " + key + " is "
                + (resolution == Resolution.NOT_APPLIED ? "resolved: not applied" : "unknown: it may or may not have been applied")
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
