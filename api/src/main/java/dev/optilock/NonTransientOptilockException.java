package dev.optilock;

/** An outcome that trying again unchanged will repeat: a missing row, an existing row, a rejected statement. */
public abstract class NonTransientOptilockException extends OptilockException {
    protected NonTransientOptilockException(String message, Throwable cause) {
        super(message, cause);
    }
}
