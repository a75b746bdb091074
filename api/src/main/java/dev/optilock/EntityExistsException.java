package dev.optilock;

import java.util.Optional;

/** {@code insert} found a row with the same key. Nothing was written. */
public class EntityExistsException extends NonTransientOptilockException {
    private final String entityName;
    private final Object key;
    private final Object existing;

    public EntityExistsException(String entityName, Object key, Object existing) {
        super(entityName + " " + key + " already exists", null);
        this.entityName = entityName;
        this.key = key;
        this.existing = existing;
    }

    public String entityName() {
        return entityName;
    }

    public Object key() {
        return key;
    }

    /** The row that is already there, when the backend reported it. */
    public Optional<Object> existing() {
        return Optional.ofNullable(existing);
    }
}
