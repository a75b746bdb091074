package dev.optilock.internal;

import dev.optilock.Condition;
import dev.optilock.Row;

/**
 * Which rows a repository view sees and may write: never a tombstone (on a store with write identities), and no
 * soft-deleted row unless the view includes them.
 *
 * @param identities whether the store keeps write identities (and so leaves tombstones)
 * @param softDeleteColumn the entity's soft-delete column, or null
 * @param includeDeleted whether the view sees soft-deleted rows
 */
record Visibility(boolean identities, String softDeleteColumn, boolean includeDeleted) {

    /** {@code condition}, and "not a tombstone", and "not soft-deleted" unless the view includes those. */
    Condition guard(Condition condition) {
        Condition visible = identities ? condition.and(Condition.isNull(WriteIdentity.DELETED)) : condition;
        if (softDeleteColumn == null || includeDeleted) return visible;
        return visible.and(Condition.isNull(softDeleteColumn));
    }

    /** Whether the view sees {@code row}. */
    boolean isVisible(Row row) {
        if (WriteIdentity.isTombstone(row)) return false;
        return softDeleteColumn == null || includeDeleted || !row.has(softDeleteColumn) || row.asMap().get(softDeleteColumn) == null;
    }
}
