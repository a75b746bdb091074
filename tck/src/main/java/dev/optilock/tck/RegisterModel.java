package dev.optilock.tck;

import java.util.List;
import java.util.Objects;

/**
 * The sequential specification the linearizability checker replays: one row per key, holding whether it
 * exists, its version and a numeric value. Each recorded operation is a transition that is possible from a
 * state only if its recorded outcome is what the specification would have returned there.
 *
 * <p>Versions may be {@link #UNKNOWN}: an operation whose outcome was unknown may have produced a version the
 * history never saw; the next observation binds it.
 */
public final class RegisterModel {
    /** A version no one observed yet. */
    public static final Object UNKNOWN = new Object() {
        @Override
        public String toString() {
            return "?";
        }
    };

    private RegisterModel() {
    }

    /** The state of one key. */
    public record State(boolean exists, Object version, Long value) {
        public static final State ABSENT = new State(false, null, null);

        @Override
        public String toString() {
            return exists ? "row(v=" + version + ", value=" + value + ")" : "absent";
        }
    }

    /** One recorded operation as a transition: the possible next states from {@code state}, empty if impossible. */
    @FunctionalInterface
    public interface Transition {
        List<State> from(State state);
    }

    private static boolean matches(Object modelled, Object observed) {
        return modelled == UNKNOWN || Objects.equals(modelled, observed);
    }

    private static boolean valueMatches(Long modelled, Long observed) {
        return modelled == null || Objects.equals(modelled, observed);
    }

    /** Whether the modelled version can differ from {@code expected} (an unknown version can). */
    private static boolean differs(Object modelled, Object expected) {
        return modelled == UNKNOWN || !Objects.equals(modelled, expected);
    }

    /** A read that saw nothing. */
    public static Transition readAbsent() {
        return state -> state.exists() ? List.of() : List.of(state);
    }

    /** A read that saw a row at {@code version} with {@code value}. */
    public static Transition readRow(Object version, Long value) {
        return state -> state.exists() && matches(state.version(), version) && valueMatches(state.value(), value)
                ? List.of(new State(true, version, value)) : List.of();
    }

    /** An applied insert of {@code value} at {@code version}. */
    public static Transition inserted(Object version, Long value) {
        return state -> state.exists() ? List.of() : List.of(new State(true, version, value));
    }

    /** An insert that found a row at {@code version} with {@code value}. */
    public static Transition insertRejected(Object version, Long value) {
        return readRow(version, value);
    }

    /** A write applied only at {@code expected} that set {@code value} and produced {@code version}. */
    public static Transition versionedApplied(Object expected, Object version, Long value) {
        return state -> state.exists() && matches(state.version(), expected) ? List.of(new State(true, version, value)) : List.of();
    }

    /** A versioned write rejected because the row was at {@code actual} (null: not reported), not {@code expected}. */
    public static Transition versionConflict(Object expected, Object actual) {
        return state -> state.exists() && differs(state.version(), expected) && (actual == null || matches(state.version(), actual))
                ? List.of(actual == null ? state : new State(true, actual, state.value())) : List.of();
    }

    /** A write that found no row. */
    public static Transition notFound() {
        return readAbsent();
    }

    /** A read-modify-write that added one to the value and produced {@code version} and {@code value}. */
    public static Transition incremented(Object version, Long value) {
        return state -> state.exists() && (state.value() == null || state.value() + 1 == value)
                ? List.of(new State(true, version, value)) : List.of();
    }

    /** A write guarded by {@code value < limit} that applied, setting {@code value} and producing {@code version}. */
    public static Transition guardedApplied(long limit, Object version, Long value) {
        return state -> state.exists() && state.value() != null && state.value() < limit
                ? List.of(new State(true, version, value)) : List.of();
    }

    /** A write guarded by {@code value < limit} that found the row at {@code version} with {@code value} failing it. */
    public static Transition guardedRejected(long limit, Object version, Long value) {
        return state -> state.exists() && matches(state.version(), version) && valueMatches(state.value(), value)
                && value != null && value >= limit ? List.of(new State(true, version, value)) : List.of();
    }

    /** An increment by one guarded by {@code value < limit} that applied, producing {@code version} and {@code value}. */
    public static Transition guardedIncremented(long limit, Object version, Long value) {
        return state -> state.exists() && (state.value() == null || state.value() < limit && state.value() + 1 == value)
                ? List.of(new State(true, version, value)) : List.of();
    }

    /** A delete that removed the row (at {@code expected}, when not null). */
    public static Transition deleted(Object expected) {
        return state -> state.exists() && (expected == null || matches(state.version(), expected)) ? List.of(State.ABSENT) : List.of();
    }

    // Transitions for operations whose outcome is unknown: if they took effect, this is the effect.

    public static Transition maybeInserted(Long value) {
        return state -> state.exists() ? List.of() : List.of(new State(true, UNKNOWN, value));
    }

    public static Transition maybeVersioned(Object expected, Long value) {
        return state -> state.exists() && matches(state.version(), expected) ? List.of(new State(true, UNKNOWN, value)) : List.of();
    }

    public static Transition maybeIncremented() {
        return state -> state.exists() ? List.of(new State(true, UNKNOWN, state.value() == null ? null : state.value() + 1)) : List.of();
    }

    public static Transition maybeGuarded(long limit, Long value) {
        return state -> state.exists() && (state.value() == null || state.value() < limit)
                ? List.of(new State(true, UNKNOWN, value)) : List.of();
    }

    public static Transition maybeGuardedIncremented(long limit) {
        return state -> state.exists() && (state.value() == null || state.value() < limit)
                ? List.of(new State(true, UNKNOWN, state.value() == null ? null : state.value() + 1)) : List.of();
    }

    public static Transition maybeDeleted(Object expected) {
        return deleted(expected);
    }
}
