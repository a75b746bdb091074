package dev.optilock;

/**
 * The root of every exception Optilock throws for a data access outcome. It is unchecked and abstract:
 * each concrete exception is either a {@link TransientOptilockException} (trying again may succeed) or a
 * {@link NonTransientOptilockException} (it will not, as long as nothing else changes). Programming errors
 * are reported with {@link IllegalArgumentException} and {@link IllegalStateException} instead.
 */
public abstract class OptilockException extends RuntimeException {
    protected OptilockException(String message, Throwable cause) {
        super(message, cause);
    }
}
