package dev.optilock.examples;

/** A command line or setup problem the user can fix; printed without a stack trace, exit status 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
