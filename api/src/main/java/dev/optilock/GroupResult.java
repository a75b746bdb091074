package dev.optilock;

import java.util.List;

/**
 * The outcome of an atomic group ({@link VersionedRepository#applyAtomically}): either every write applied, or none
 * did. One item per write, in the group's order. A refused group says, per write, whether its condition failed and
 * what the row's current state is, all as of one instant at which the group could not apply.
 *
 * @param applied whether the group applied
 * @param items one per write, in the group's order
 */
public record GroupResult<T, K>(boolean applied, List<GroupItem<T, K>> items) {
    /** The most writes in one group (Cassandra warns about larger batches, and a group holds its rows' locks). */
    public static final int MAX_WRITES = 100;

    public GroupResult {
        if (items == null) throw new IllegalArgumentException("items must not be null");
        items = List.copyOf(items);
    }

    /** The writes whose condition failed: empty when the group applied. */
    public List<GroupItem<T, K>> failures() {
        return items.stream().filter(GroupItem::failed).toList();
    }
}
