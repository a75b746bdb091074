package dev.optilock;

import java.util.Optional;

/**
 * The outcome of one item of a batch: either the updated entity or the failure it met. A batch reports
 * one outcome per item, in input order, and never loses one.
 *
 * @param index the item's position in the input list
 * @param key the item's key
 * @param entity the updated entity, when it succeeded
 * @param failure why it did not, otherwise
 */
public record ItemOutcome<T, K>(int index, K key, T entity, OptilockException failure) {
    public ItemOutcome {
        if ((entity == null) == (failure == null)) {
            throw new IllegalArgumentException("exactly one of entity and failure must be set");
        }
    }

    public boolean succeeded() {
        return failure == null;
    }

    public Optional<T> updated() {
        return Optional.ofNullable(entity);
    }

    public Optional<OptilockException> error() {
        return Optional.ofNullable(failure);
    }
}
