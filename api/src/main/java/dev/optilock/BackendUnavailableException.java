package dev.optilock;

/**
 * The backend could not be reached, or did not answer in time, before anything was written (a refused
 * connection, a read timeout). A write whose request may have reached the server is reported with
 * {@link OutcomeUnknownException} instead.
 */
public class BackendUnavailableException extends TransientOptilockException {
    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
