package dev.optilock;

/**
 * A write that needs an existing row found none (or only a soft-deleted one, which is invisible unless
 * the repository includes deleted rows). Nothing was written.
 */
public class EntityNotFoundException extends NonTransientOptilockException {
    private final String entityName;
    private final Object key;

    public EntityNotFoundException(String entityName, Object key) {
        super(entityName + " " + key + " not found", null);
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
