package dev.optilock.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optilock.Changes;
import dev.optilock.EntitySpec;
import dev.optilock.OptimisticLockException;
import dev.optilock.OutcomeUnknownException;
import dev.optilock.PrimaryKey;
import dev.optilock.RetryPolicy;
import dev.optilock.Row;
import dev.optilock.VersionKind;
import dev.optilock.VersionedRepository;
import dev.optilock.WriteResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Concurrency rules 2.1 to 2.4 and 2.7 to 2.9: threads released together, invariants asserted, never timings. Each
 * records every call into a {@link History}, writes it for external checkers and checks it against the register model.
 */
public interface ConcurrencyRules extends TckHooks {

    /** A policy patient enough for 8 threads on one hot row. */
    RetryPolicy HOT_ROW_POLICY = new RetryPolicy(2_000, Duration.ofMillis(1), 1.5, Duration.ofMillis(25), 0.9);

    /**
     * Rule 2.1: 8 threads, 50 {@code modify} increments each, on one row: every increment applies once, and the
     * versions reported form one unbroken chain. Where the environment loses responses ({@link
     * TckFixture#losesResponses()}), an increment the store could not settle counts as one that may have applied.
     */
    @Test
    default void required_2_1_no_lost_update() {
        String rule = RuleMessages.rule("2.1", tck().seed());
        EntitySpec spec = tck().counterTable("tck_lost", VersionKind.LONG);
        VersionedRepository<Row, PrimaryKey> rows = tck().store().rows(spec);
        RecordedCounters counters = new RecordedCounters(rows, new History());
        counters.insert("setup", "hot", 0L);
        long appliedBefore = tck().store().counters().applied();
        boolean unknownAllowed = tck().losesResponses();
        List<Race.Outcome<HotIncrements>> outcomes = Race.run(8, thread ->
                HotIncrements.run(counters, Integer.toString(thread), "hot", 50, unknownAllowed));
        for (Race.Outcome<HotIncrements> outcome : outcomes) {
            assertThat(outcome.failure()).as(rule + ": thread " + outcome.thread() + " failed").isNull();
        }
        List<HotIncrements> threads = outcomes.stream().map(Race.Outcome::result).toList();
        long applied = HotIncrements.applied(threads);
        long unknown = HotIncrements.unknown(threads);
        Set<Long> versions = threads.stream().flatMap(thread -> thread.versions().stream())
                .collect(Collectors.toCollection(TreeSet::new));
        Row last = counters.find("check", "hot").orElseThrow();
        assertThat(last.getLong("value")).as(rule + ": final value (" + applied + " increments applied, " + unknown + " unknown)")
                .isBetween(applied, applied + unknown);
        assertThat(tck().store().counters().applied() - appliedBefore).as(rule + ": applied writes").isEqualTo(applied);
        assertThat(last.getLong("version")).as(rule + ": one version per increment").isEqualTo(last.getLong("value") + 1);
        if (unknown == 0) {
            assertThat(versions).as(rule + ": versions 2..401 form one unbroken chain")
                    .containsExactlyElementsOf(LongStream.rangeClosed(2, 401).boxed().toList());
        } else {
            assertThat(versions).as(rule + ": every applied increment reported a version of its own").hasSize((int) applied)
                    .allSatisfy(version -> assertThat(version).as(rule).isBetween(2L, last.getLong("version")));
        }
        tck().assertLinearizable(rule, "2.1", counters.history());
    }

    /**
     * Rule 2.7, stochastic: increments through {@code updateIfExists} and a conditional {@code update}, which name no
     * version, must still be atomic. A backend that reads, adds and writes back loses increments only when two calls
     * interleave, so this rule can pass such a backend by luck; {@code -Doptilock.tck.iterations=N} runs it N times.
     * (No single-threaded twin can see the interleaving.)
     */
    @Test
    default void required_2_7_stochastic_increments_without_a_version_lose_nothing() {
        String rule = RuleMessages.rule("2.7", tck().seed());
        int iterations = Integer.getInteger("optilock.tck.iterations", 1);
        for (int iteration = 0; iteration < iterations; iteration++) {
            VersionedRepository<Row, PrimaryKey> rows = tck().store().rows(tck().counterTable("tck_increments", VersionKind.LONG));
            RecordedCounters counters = new RecordedCounters(rows, new History());
            counters.insert("setup", "plain", 0L);
            counters.insert("setup", "capped", 0L);
            // Per thread: plain increments applied, plain increments unknown, capped admitted, capped unknown. An
            // increment whose outcome is unknown (a conditional write that names no version cannot always be settled,
            // see OutcomeUnknownException) may or may not have applied; every other outcome is exact.
            List<Race.Outcome<long[]>> outcomes = Race.run(8, thread -> {
                long[] counts = new long[4];
                for (int i = 0; i < 25; i++) {
                    try {
                        counters.incrementIfExists(Integer.toString(thread), "plain");
                        counts[0]++;
                    } catch (OutcomeUnknownException unknown) {
                        counts[1]++;
                    }
                    try {
                        if (counters.incrementBelow(Integer.toString(thread), "capped", 120L).applied()) {
                            counts[2]++;
                        }
                    } catch (OutcomeUnknownException unknown) {
                        counts[3]++;
                    }
                }
                return counts;
            });
            long[] total = new long[4];
            for (Race.Outcome<long[]> outcome : outcomes) {
                assertThat(outcome.failure()).as(rule + ": thread " + outcome.thread() + " failed").isNull();
                for (int i = 0; i < total.length; i++) total[i] += outcome.result()[i];
            }
            long plain = counters.find("check", "plain").orElseThrow().getLong("value");
            long capped = counters.find("check", "capped").orElseThrow().getLong("value");
            assertThat(plain).as(rule + ": 8 threads x 25 updateIfExists increments, " + total[0] + " applied and " + total[1]
                    + " unknown").isBetween(total[0], total[0] + total[1]);
            assertThat(capped).as(rule + ": conditional increments under a cap of 120, " + total[2] + " applied and " + total[3]
                    + " unknown").isBetween(total[2], Math.min(120L, total[2] + total[3]));
            if (total[3] == 0) assertThat(capped).as(rule + ": 200 conditional increments under a cap of 120").isEqualTo(120L);
            tck().assertLinearizable(rule, iterations == 1 ? "2.7" : "2.7-iteration-" + iteration, counters.history());
        }
    }

    /**
     * Rule 2.9, stochastic: a conditional write that is refused reports a row that fails its condition, even while other
     * writers change the row back and forth. A backend that reads the row it reports after the refused write, outside it
     * (in another statement or transaction), reports a row that satisfies the condition only when a writer changed it
     * in between, so this rule can pass such a backend by luck; {@code -Doptilock.tck.iterations=N} runs it N times. No
     * deterministic twin exists through the SPI: nothing outside the backend can run between its write and its read.
     */
    @Test
    default void required_2_9_stochastic_a_refused_write_reports_a_row_that_fails_its_condition() {
        String rule = RuleMessages.rule("2.9", tck().seed());
        int iterations = Integer.getInteger("optilock.tck.iterations", 1);
        for (int iteration = 0; iteration < iterations; iteration++) {
            RecordedCounters counters = new RecordedCounters(
                    tck().store().rows(tck().counterTable("tck_refusals", VersionKind.LONG)), new History());
            counters.insert("setup", "toggle", 0L);
            // Even threads flip the value between 1 and 0 (their condition, value < 2, always holds) for as long as the
            // odd threads write; odd threads write only while it is 0 (value < 1), and every refusal must report a row
            // whose value is 1. Writers start once every flipper has flipped (a thread released first could otherwise
            // be done before any flip) and write until each has been refused 10 times (at most 100 writes), pausing
            // 0.1 ms after a write that applied so that a flip can come.
            // Flippers pause 0.2 ms between flips and stop after 1,000: the history stays short enough for the
            // linearizability check.
            CountDownLatch flipping = new CountDownLatch(4);
            AtomicInteger writing = new AtomicInteger(4);
            AtomicInteger refusals = new AtomicInteger();
            List<Race.Outcome<List<String>>> outcomes = Race.run(8, thread -> {
                String process = Integer.toString(thread);
                List<String> wrong = new ArrayList<>();
                try {
                    if (thread % 2 == 0) {
                        for (int i = 0; i < 1_000 && (i == 0 || writing.get() > 0); i++) {
                            try {
                                counters.updateBelow(process, "toggle", 2L, (i + thread / 2) % 2 == 0 ? 1L : 0L);
                            } catch (OutcomeUnknownException unknown) {
                                // a conditional write that names no version cannot always be settled; recorded as unknown
                            } finally {
                                if (i == 0) flipping.countDown();
                            }
                            LockSupport.parkNanos(200_000);
                        }
                    } else {
                        try {
                            flipping.await(1, TimeUnit.MINUTES);
                        } catch (InterruptedException interrupted) {
                            Thread.currentThread().interrupt();
                        }
                        for (int i = 0, refused = 0; i < 100 && refused < 10; i++) {
                            try {
                                WriteResult<Row> result = counters.updateBelow(process, "toggle", 1L, 0L);
                                if (result.applied()) {
                                    LockSupport.parkNanos(100_000);
                                } else {
                                    refused++;
                                    refusals.incrementAndGet();
                                    Row reported = result.existing().orElse(null);
                                    if (reported == null || reported.getLong("value") < 1L) wrong.add(String.valueOf(reported));
                                }
                            } catch (OutcomeUnknownException unknown) {
                                // recorded as unknown, as above
                            }
                        }
                    }
                } finally {
                    if (thread % 2 == 1) writing.decrementAndGet();
                }
                return wrong;
            });
            for (Race.Outcome<List<String>> outcome : outcomes) {
                assertThat(outcome.failure()).as(rule + ": thread " + outcome.thread() + " failed").isNull();
                assertThat(outcome.result()).as(rule + ": rows reported by writes refused under the condition value < 1 (thread "
                        + outcome.thread() + "): each must fail it").isEmpty();
            }
            assertThat(refusals.get()).as(rule + ": writes refused while the value was flipped (none: the race tested nothing)")
                    .isPositive();
            tck().assertLinearizable(rule, iterations == 1 ? "2.9" : "2.9-iteration-" + iteration, counters.history());
        }
    }

    @Test
    default void required_2_8_two_stores_on_one_database_race_as_one() {
        String rule = RuleMessages.rule("2.8", tck().seed());
        EntitySpec spec = tck().counterTable("tck_two_stores", VersionKind.LONG);
        History history = new History();
        List<RecordedCounters> stores = List.of(new RecordedCounters(tck().store().rows(spec), history),
                new RecordedCounters(tck().store(dev.optilock.StoreOptions.defaults()).rows(spec), history));
        stores.get(0).insert("setup", "hot", 0L);
        boolean unknownAllowed = tck().losesResponses();
        List<HotIncrements> increments = Collections.synchronizedList(new ArrayList<>());
        List<Race.Outcome<Boolean>> outcomes = Race.run(8, thread -> {
            RecordedCounters counters = stores.get(thread % 2);
            String process = Integer.toString(thread);
            increments.add(HotIncrements.run(counters, process, "hot", 25, unknownAllowed));
            return counters.insertIfAbsent(process, "taken", thread).applied();
        });
        long winners = 0;
        for (Race.Outcome<Boolean> outcome : outcomes) {
            assertThat(outcome.failure()).as(rule + ": thread " + outcome.thread() + " failed").isNull();
            if (outcome.result()) winners++;
        }
        long applied = HotIncrements.applied(increments);
        long unknown = HotIncrements.unknown(increments);
        for (int store = 0; store < stores.size(); store++) {
            assertThat(stores.get(store).find("check-store-" + store, "hot").orElseThrow().getLong("value"))
                    .as(rule + ": 8 threads on two stores x 25 modify increments (" + applied + " applied, " + unknown + " unknown)")
                    .isBetween(applied, applied + unknown);
        }
        tck().assertLinearizable(rule, "2.8", history);
        assertThat(winners).as(rule + ": inserts of one key through two stores").isEqualTo(1L);
    }

    @Test
    default void required_2_2_single_winner() {
        String rule = RuleMessages.rule("2.2", tck().seed());
        EntitySpec spec = tck().counterTable("tck_win", VersionKind.LONG);
        VersionedRepository<Row, PrimaryKey> rows = tck().store().rows(spec);
        RecordedCounters counters = new RecordedCounters(rows, new History());
        counters.insert("setup", "hot", 0L);
        for (int round = 0; round < 5; round++) {
            long expected = counters.find("check", "hot").orElseThrow().getLong("version");
            List<Race.Outcome<Row>> outcomes = Race.run(16, thread ->
                    counters.updateWithVersion(Integer.toString(thread), "hot", expected, thread));
            List<Race.Outcome<Row>> winners = outcomes.stream().filter(Race.Outcome::succeeded).toList();
            assertThat(winners).as(rule + ": round " + round + " winners").hasSize(1);
            for (Race.Outcome<Row> loser : outcomes) {
                if (loser.succeeded()) continue;
                assertThat(loser.failure()).as(rule + ": thread " + loser.thread()).isInstanceOfSatisfying(OptimisticLockException.class,
                        e -> assertThat(e.actualVersion()).as(rule + ": actual version of thread " + loser.thread())
                                .isPresent().get().isNotEqualTo(expected));
            }
            Row after = counters.find("check", "hot").orElseThrow();
            assertThat(after.getLong("version")).as(rule + ": one write applied").isEqualTo(expected + 1);
            assertThat(after.getLong("value")).as(rule + ": the winner's value").isEqualTo((long) winners.get(0).thread());
        }
        tck().assertLinearizable(rule, "2.2", counters.history());
    }

    @Test
    default void required_2_3_insert_race() {
        String rule = RuleMessages.rule("2.3", tck().seed());
        EntitySpec spec = tck().counterTable("tck_irace", VersionKind.UUID);
        RecordedCounters counters = new RecordedCounters(tck().store().rows(spec), new History());
        for (int round = 0; round < 3; round++) {
            String id = "key" + round;
            List<Race.Outcome<WriteResult<Row>>> outcomes = Race.run(16, thread ->
                    counters.insertIfAbsent(Integer.toString(thread), id, thread));
            for (Race.Outcome<WriteResult<Row>> outcome : outcomes) {
                assertThat(outcome.failure()).as(rule + ": thread " + outcome.thread()).isNull();
            }
            List<Row> winners = outcomes.stream().filter(o -> o.result().applied()).map(o -> o.result().entity()).toList();
            assertThat(winners).as(rule + ": round " + round + " applied inserts").hasSize(1);
            Row winner = winners.get(0);
            for (Race.Outcome<WriteResult<Row>> outcome : outcomes) {
                if (!outcome.result().applied()) {
                    assertThat(outcome.result().existing()).as(rule + ": thread " + outcome.thread() + " sees the winner").contains(winner);
                }
            }
            assertThat(counters.find("check", id)).as(rule + ": the stored row is the winner's").contains(winner);
        }
        tck().assertLinearizable(rule, "2.3", counters.history());
    }

    @Test
    default void required_2_4_delete_race() {
        String rule = RuleMessages.rule("2.4", tck().seed());
        EntitySpec spec = tck().counterTable("tck_drace", VersionKind.LONG);
        RecordedCounters counters = new RecordedCounters(tck().store().rows(spec), new History());
        for (int round = 0; round < 3; round++) {
            String id = "key" + round;
            counters.insert("setup", id, 0L);
            List<Race.Outcome<Boolean>> outcomes = Race.run(16, thread -> counters.deleteIfExists(Integer.toString(thread), id));
            for (Race.Outcome<Boolean> outcome : outcomes) {
                assertThat(outcome.failure()).as(rule + ": thread " + outcome.thread()).isNull();
            }
            assertThat(outcomes.stream().filter(Race.Outcome::result).count()).as(rule + ": round " + round + " deletes that returned true")
                    .isEqualTo(1L);
            assertThat(counters.find("check", id)).as(rule).isEmpty();
        }
        tck().assertLinearizable(rule, "2.4", counters.history());
    }
}
