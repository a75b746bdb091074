package dev.optilock;

import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The outcome of a conditional write that reports "not applied" as a value rather than an exception
 * ({@code insertIfAbsent}, {@code update} with conditions, {@code updateIfExists}).
 *
 * <p>When {@link #applied()} is true, {@link #entity()} is the row as written, with its new version.
 * When it is false, {@link #existing()} is the current row that made the condition fail, or empty when
 * there is no visible row for the key.
 *
 * @param <T> the entity type
 */
public final class WriteResult<T> {
    private final boolean applied;
    private final T entity;

    private WriteResult(boolean applied, T entity) {
        this.applied = applied;
        this.entity = entity;
    }

    public static <T> WriteResult<T> applied(T written) {
        if (written == null) throw new IllegalArgumentException("written entity must not be null");
        return new WriteResult<>(true, written);
    }

    public static <T> WriteResult<T> notApplied(T existing) {
        return new WriteResult<>(false, existing);
    }

    public boolean applied() {
        return applied;
    }

    /**
     * The entity as written.
     *
     * @throws NoSuchElementException if the write was not applied
     */
    public T entity() {
        if (!applied) throw new NoSuchElementException("the write was not applied; see existing()");
        return entity;
    }

    /** When not applied, the current visible row for the key, if there is one; empty when applied. */
    public Optional<T> existing() {
        return applied ? Optional.empty() : Optional.ofNullable(entity);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WriteResult<?> that && applied == that.applied && java.util.Objects.equals(entity, that.entity);
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(applied) * 31 + java.util.Objects.hashCode(entity);
    }

    @Override
    public String toString() {
        return applied ? "WriteResult[applied, entity=" + entity + "]" : "WriteResult[not applied, existing=" + entity + "]";
    }
}
