package dev.optilock.tck;

import dev.optilock.OutcomeUnknownException;
import java.util.ArrayList;
import java.util.List;

/**
 * What one thread's {@code modify} increments of a hot row came to: the versions of those that applied, and how many
 * ended in an {@link OutcomeUnknownException} the store could not settle (each may or may not have applied). Where
 * the environment does not lose responses ({@link TckFixture#losesResponses()}), an unknown outcome is not counted
 * but thrown, and fails the rule.
 */
record HotIncrements(List<Long> versions, int unknown) {
    HotIncrements {
        versions = List.copyOf(versions);
    }

    /** Runs {@code count} increments of {@code id} as {@code process}. */
    static HotIncrements run(RecordedCounters counters, String process, String id, int count, boolean unknownAllowed) {
        List<Long> versions = new ArrayList<>();
        int unknown = 0;
        for (int i = 0; i < count; i++) {
            try {
                versions.add(counters.modifyIncrement(process, id, ConcurrencyRules.HOT_ROW_POLICY).getLong("version"));
            } catch (OutcomeUnknownException unsettled) {
                if (!unknownAllowed) throw unsettled;
                unknown++;
            }
        }
        return new HotIncrements(versions, unknown);
    }

    /** The applied increments of all {@code threads}. */
    static long applied(List<HotIncrements> threads) {
        return threads.stream().mapToLong(thread -> thread.versions().size()).sum();
    }

    /** The unknown increments of all {@code threads}. */
    static long unknown(List<HotIncrements> threads) {
        return threads.stream().mapToLong(HotIncrements::unknown).sum();
    }
}
