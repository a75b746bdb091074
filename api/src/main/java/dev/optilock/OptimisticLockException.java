package dev.optilock;

import java.util.Optional;

/**
 * A versioned write was rejected because the row is no longer at the expected version. Nothing was
 * written. The row exists (absence is reported by {@link EntityNotFoundException}).
 *
 * <p>{@link #actualVersion()} is the version the backend saw when it rejected the write, when it reported
 * one; it is never the expected version. {@link #currentEntity()} is the row at that version, when known.
 */
public class OptimisticLockException extends TransientOptilockException {
    private final String entityName;
    private final Object key;
    private final Object expectedVersion;
    private final Object actualVersion;
    private final Object currentEntity;

    public OptimisticLockException(String entityName, Object key, Object expectedVersion, Object actualVersion,
            Object currentEntity) {
        super("optimistic lock conflict on " + entityName + " " + key + ": expected version " + expectedVersion
                + ", actual version " + (actualVersion == null ? "unknown" : actualVersion), null);
        this.entityName = entityName;
        this.key = key;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
        this.currentEntity = currentEntity;
    }

    /** The table of the entity. */
    public String entityName() {
        return entityName;
    }

    /** The key as the caller passed it. */
    public Object key() {
        return key;
    }

    public Object expectedVersion() {
        return expectedVersion;
    }

    /** The version the row had when the write was rejected, if the backend reported it. */
    public Optional<Object> actualVersion() {
        return Optional.ofNullable(actualVersion);
    }

    /** The row at {@link #actualVersion()}, as the repository's entity type, when known. */
    public Optional<Object> currentEntity() {
        return Optional.ofNullable(currentEntity);
    }

    /** The current entity cast to the caller's type. */
    public <T> Optional<T> currentEntity(Class<T> type) {
        return currentEntity().filter(type::isInstance).map(type::cast);
    }
}
