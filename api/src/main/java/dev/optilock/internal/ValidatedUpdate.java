package dev.optilock.internal;

import dev.optilock.PrimaryKey;
import dev.optilock.VersionedUpdate;
import dev.optilock.spi.Assignment;
import java.util.ArrayList;
import java.util.List;

/** One item of a batch after its checks: validated in full before any item is written. */
record ValidatedUpdate<K>(int index, K key, PrimaryKey primaryKey, Object expected, List<Assignment> assignments) {

    /**
     * Checks every item; bad input in any of them throws {@link IllegalArgumentException} naming the item.
     */
    static <T, K> List<ValidatedUpdate<K>> all(RepositoryOperations<T, K> operations, List<VersionedUpdate<K>> updates) {
        if (updates == null) throw new IllegalArgumentException("updates must not be null");
        List<ValidatedUpdate<K>> validated = new ArrayList<>(updates.size());
        for (int i = 0; i < updates.size(); i++) {
            VersionedUpdate<K> update = updates.get(i);
            try {
                if (update == null) throw new IllegalArgumentException("must not be null");
                validated.add(new ValidatedUpdate<>(i, update.key(), operations.keys().toPrimaryKey(update.key()),
                        InputChecks.version(operations.spec(), update.expectedVersion()),
                        InputChecks.assignments(operations.mapper(), update.changes())));
            } catch (IllegalArgumentException bad) {
                throw new IllegalArgumentException("updates[" + i + "]: " + bad.getMessage(), bad);
            }
        }
        return validated;
    }
}
