package dev.optilock.internal;

import dev.optilock.Condition;
import dev.optilock.Row;
import dev.optilock.VersionKind;
import java.util.ArrayList;
import java.util.List;

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
        return guard(condition, identities);
    }

    /**
     * "{@code versionColumn} = {@code expected}", guarded as {@link #guard} guards a condition, but without "not a
     * tombstone" where no tombstone can be at {@code expected} ({@link Versions#noTombstoneAt}): the version then
     * rules tombstones out on its own.
     */
    Condition guardVersion(String versionColumn, Object expected) {
        return guard(Condition.equalTo(versionColumn, expected), identities && !Versions.noTombstoneAt(expected));
    }

    private Condition guard(Condition condition, boolean tombstones) {
        boolean softDeletes = pinnedNull() != null;
        if (!tombstones && !softDeletes) return condition;
        if (tombstones && !softDeletes && !(condition instanceof Condition.All)) {
            return new Condition.All(List.of(condition, NOT_A_TOMBSTONE)); // the usual case, without an array
        }
        List<Condition> given = condition instanceof Condition.All all ? all.conditions() : List.of(condition);
        Condition[] parts = given.toArray(new Condition[given.size() + (tombstones ? 1 : 0) + (softDeletes ? 1 : 0)]);
        int next = given.size();
        if (tombstones) parts[next++] = NOT_A_TOMBSTONE;
        if (softDeletes) parts[next] = Condition.isNull(softDeleteColumn);
        return Condition.all(parts);
    }

    /**
     * The columns {@link #guardVersion} requires to be null for an expected version of {@code kind} at which no
     * tombstone can be, in the guard's order: the tombstone mark (on a store with write identities, unless tombstones
     * of {@code kind} take versions apart, {@link Versions#tombstonesApart}), then {@link #pinnedNull()}.
     */
    List<String> nullColumns(VersionKind kind) {
        List<String> columns = new ArrayList<>(2);
        if (identities && !Versions.tombstonesApart(kind)) columns.add(WriteIdentity.DELETED);
        if (pinnedNull() != null) columns.add(pinnedNull());
        return List.copyOf(columns);
    }

    /** The entity column {@link #guard} requires to be null (the soft-delete column, unless the view sees deleted rows), or null. */
    String pinnedNull() {
        return softDeleteColumn != null && !includeDeleted ? softDeleteColumn : null;
    }

    private static final Condition NOT_A_TOMBSTONE = Condition.isNull(WriteIdentity.DELETED);

    /** Whether the view sees {@code row}. */
    boolean isVisible(Row row) {
        if (WriteIdentity.isTombstone(row)) return false;
        return softDeleteColumn == null || includeDeleted || !row.has(softDeleteColumn) || row.asMap().get(softDeleteColumn) == null;
    }
}
