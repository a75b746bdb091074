package dev.optilock;

/** An outcome that a later attempt may not repeat: a conflict, an unknown outcome, an unavailable backend. */
public abstract class TransientOptilockException extends OptilockException {
    protected TransientOptilockException(String message, Throwable cause) {
        super(message, cause);
    }
}
