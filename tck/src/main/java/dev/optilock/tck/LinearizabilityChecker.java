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

    /** The verdict; for a violation, the key and the operations that could not be ordered. */
    public record Result(boolean linearizable, String key, String explanation) {
        static final Result OK = new Result(true, null, "linearizable");
    }

    /** Checks every key of {@code history}, each starting absent. */
    public static Result check(History history) {
        Map<String, List<History.Entry>> byKey = new LinkedHashMap<>();
        for (History.Entry entry : history.entries()) {
            byKey.computeIfAbsent(entry.key(), key -> new ArrayList<>()).add(entry);
        }
        for (Map.Entry<String, List<History.Entry>> key : byKey.entrySet()) {
            Result result = checkKey(key.getKey(), key.getValue());
            if (!result.linearizable()) return result;
        }
        return Result.OK;
    }

    private static Result checkKey(String key, List<History.Entry> unsorted) {
        List<History.Entry> entries = new ArrayList<>(unsorted);
        entries.sort(Comparator.comparingLong(History.Entry::invoked));
        Search search = new Search(entries);
        if (search.run(new BitSet(entries.size()), RegisterModel.State.ABSENT)) return Result.OK;
        StringBuilder explanation = new StringBuilder("no linearization of ").append(entries.size())
                .append(" operations on key ").append(key).append("; the deepest attempt ordered ").append(search.deepest)
                .append(" of them and then found no possible next operation among:");
        for (int index = 0; index < entries.size(); index++) {
            if (!search.deepestSet.get(index)) explanation.append("\n  ").append(entries.get(index));
        }
        explanation.append("\n  from state ").append(search.deepestState);
        return new Result(false, key, explanation.toString());
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
