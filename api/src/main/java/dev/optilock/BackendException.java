package dev.optilock;

/** The backend rejected an operation for a reason a retry will not fix (a missing table, a bad statement). */
public class BackendException extends NonTransientOptilockException {
    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
