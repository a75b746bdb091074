package dev.optilock;

import java.util.Optional;

/**
 * What became of one write of an atomic group.
 *
 * @param index the write's position in the group
 * @param key the row's key
 * @param status what became of it
 * @param entity for {@link Status#APPLIED}: the row the write produced (null for a delete); otherwise the row's
 *        current state when the group was refused (null when there is no visible row)
 */
public record GroupItem<T, K>(int index, K key, Status status, T entity) {

    /** What became of one write of a group. */
    public enum Status {
        /** The group applied, and this write with it. */
        APPLIED,
        /** This write's condition held, but another write's did not: nothing of the group applied. */
        HELD,
        /** The row is there, but not at the expected version, or the condition did not hold. */
        CONFLICT,
        /** An update or delete found no visible row. */
        NOT_FOUND,
        /** An insert found a row with its key. */
        EXISTS
    }

    public GroupItem {
        if (status == null) throw new IllegalArgumentException("status must not be null");
    }

    /** The entity, when there is one. */
    public Optional<T> current() {
        return Optional.ofNullable(entity);
    }

    /** Whether this write's condition failed (and so the group's). */
    public boolean failed() {
        return status != Status.APPLIED && status != Status.HELD;
    }
}
