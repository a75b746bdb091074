package dev.optilock;

/**
 * A write gave up because the row kept changing under it (other writers won every attempt the backend made
 * inside the operation). Nothing was written. Unlike {@link OptimisticLockException}, no condition of the
 * caller's failed: the backend could not settle the race in time. Trying again later may succeed; the backend
 * was reachable throughout (an unreachable one is {@link BackendUnavailableException}).
 */
public class ContentionException extends TransientOptilockException {
    private final String entityName;
    private final Object key;

    public ContentionException(String entityName, Object key, String message) {
        super(message, null);
        this.entityName = entityName;
        this.key = key;
    }

    public String entityName() {
        return entityName;
    }

    public Object key() {
        return key;
    }
}
