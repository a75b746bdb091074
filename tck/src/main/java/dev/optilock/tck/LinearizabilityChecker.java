package dev.optilock.tck;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether a {@link History} is linearizable against the {@link RegisterModel}, key by key (single-key
 * operations compose). It searches for an order that respects real time (an operation that completed before
 * another was invoked comes first) and that the model accepts, after Wing and Gong, with memoisation of
 * (linearised set, state) pairs as in Lowe's refinement. Operations with unknown outcome may be placed
 * anywhere after their invocation, or left out.
 */
public final class LinearizabilityChecker {
    private LinearizabilityChecker() {
    }

    /** The most (linearised set, state) pairs one key's search may visit before it gives up undecided. */
    static final int SEARCH_LIMIT = 300_000;

    /**
     * The verdict; for a violation, the key and the operations that could not be ordered. {@code decided} is false when
     * a key's search met {@link #SEARCH_LIMIT} before finding an order or proving there is none (many operations with
     * unknown outcomes can be placed in too many ways): {@code linearizable} is then true, and the history should be
     * given to an external checker.
     */
    public record Result(boolean linearizable, String key, String explanation, boolean decided) {
        static final Result OK = new Result(true, null, "linearizable", true);
    }

    /** Checks every key of {@code history}, each starting absent. */
    public static Result check(History history) {
        Map<String, List<History.Entry>> byKey = new LinkedHashMap<>();
        for (History.Entry entry : history.entries()) {
            byKey.computeIfAbsent(entry.key(), key -> new ArrayList<>()).add(entry);
        }
        Result undecided = null;
        for (Map.Entry<String, List<History.Entry>> key : byKey.entrySet()) {
            Result result = checkKey(key.getKey(), key.getValue());
            if (!result.linearizable()) return result;
            if (!result.decided() && undecided == null) undecided = result;
        }
        return undecided == null ? Result.OK : undecided;
    }

    private static Result checkKey(String key, List<History.Entry> unsorted) {
        List<History.Entry> entries = new ArrayList<>(unsorted);
        entries.sort(Comparator.comparingLong(History.Entry::invoked));
        Search search = new Search(entries);
        boolean found;
        try {
            found = search.run(new BitSet(entries.size()), RegisterModel.State.ABSENT);
        } catch (SearchLimitReached limit) {
            return new Result(true, key, "undecided: the search of the " + entries.size() + " operations on key " + key
                    + " visited " + SEARCH_LIMIT + " states without a verdict", false);
        }
        if (found) return Result.OK;
        StringBuilder explanation = new StringBuilder("no linearization of ").append(entries.size())
                .append(" operations on key ").append(key).append("; the deepest attempt ordered ").append(search.deepest)
                .append(" of them and then found no possible next operation among:");
        for (int index = 0; index < entries.size(); index++) {
            if (!search.deepestSet.get(index)) explanation.append("\n  ").append(entries.get(index));
        }
        explanation.append("\n  from state ").append(search.deepestState);
        return new Result(false, key, explanation.toString(), true);
    }

    private static final class SearchLimitReached extends RuntimeException {
        SearchLimitReached() {
            super(null, null, false, false);
        }
    }

    private static final class Search {
        private final List<History.Entry> entries;
        private final int required;
        private final Set<Object> visited = new HashSet<>();
        private int deepest = -1;
        private BitSet deepestSet = new BitSet();
        private RegisterModel.State deepestState;

        Search(List<History.Entry> entries) {
            this.entries = entries;
            this.required = (int) entries.stream().filter(entry -> !entry.unknown()).count();
        }

        boolean run(BitSet done, RegisterModel.State state) {
            int definiteDone = 0;
            for (int index = done.nextSetBit(0); index >= 0; index = done.nextSetBit(index + 1)) {
                if (!entries.get(index).unknown()) definiteDone++;
            }
            if (definiteDone == required) return true;
            if (!visited.add(List.of(done.clone(), state))) return false;
            if (visited.size() > SEARCH_LIMIT) throw new SearchLimitReached();
            if (done.cardinality() > deepest) {
                deepest = done.cardinality();
                deepestSet = (BitSet) done.clone();
                deepestState = state;
            }
            long firstCompletion = Long.MAX_VALUE;
            for (int index = done.nextClearBit(0); index < entries.size(); index = done.nextClearBit(index + 1)) {
                firstCompletion = Math.min(firstCompletion, entries.get(index).completed());
            }
            for (int index = done.nextClearBit(0); index < entries.size(); index = done.nextClearBit(index + 1)) {
                History.Entry entry = entries.get(index);
                if (entry.invoked() > firstCompletion) break;
                for (RegisterModel.State next : entry.transition().from(state)) {
                    done.set(index);
                    boolean found = run(done, next);
                    done.clear(index);
                    if (found) return true;
                }
            }
            return false;
        }
    }
}
