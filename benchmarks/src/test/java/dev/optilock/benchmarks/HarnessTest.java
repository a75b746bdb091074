package dev.optilock.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HarnessTest {
    private final Config config = Config.parse(new String[] {"--quick"}); // steal limit 10 %, JIT limit 5 %

    @Test
    void should_measure_a_round_once_when_the_steal_was_within_the_limit() throws Exception {
        Iterator<RoundResult> runs = List.of(run(0.05, 0), run(0.01, 0)).iterator();
        Harness.LeastDisturbed<RoundResult> kept = Harness.leastDisturbed("test", 0, config, runs::next, List::of);
        assertThat(kept.attempt().stealShare()).isEqualTo(0.05);
        assertThat(kept.repeats()).isZero();
    }

    @Test
    void should_measure_a_stolen_round_again_and_keep_the_attempt_with_less_steal() throws Exception {
        Iterator<RoundResult> runs = List.of(run(0.30, 0), run(0.20, 0), run(0.01, 0)).iterator();
        Harness.LeastDisturbed<RoundResult> kept = Harness.leastDisturbed("test", 0, config, runs::next, List::of);
        assertThat(kept.attempt().stealShare()).isEqualTo(0.20);
        assertThat(kept.repeats()).isEqualTo(Harness.ATTEMPTS_PER_ROUND - 1);
    }

    @Test
    void should_keep_the_first_attempt_when_the_second_was_stolen_more() throws Exception {
        Iterator<RoundResult> runs = List.of(run(0.20, 0), run(0.40, 0)).iterator();
        assertThat(Harness.leastDisturbed("test", 0, config, runs::next, List::of).attempt().stealShare()).isEqualTo(0.20);
    }

    @Test
    void should_measure_a_round_again_when_the_jit_compiled_during_one_of_its_runs() throws Exception {
        Iterator<List<RoundResult>> rounds = List.of(List.of(run(0, 0.01), run(0, 0.16)), List.of(run(0, 0.01), run(0, 0.02)))
                .iterator();
        Harness.LeastDisturbed<List<RoundResult>> kept = Harness.leastDisturbed("test", 0, config, rounds::next, round -> round);
        assertThat(kept.repeats()).isEqualTo(1);
        assertThat(kept.attempt().get(1).compileShare()).isEqualTo(0.02);
    }

    @Test
    void should_weigh_steal_and_compilation_each_against_its_own_limit() throws Exception {
        // 8 % steal is within its 10 % limit; 8 % compilation is past its 5 %: the second attempt is the less disturbed
        Iterator<RoundResult> runs = List.of(run(0, 0.08), run(0.08, 0)).iterator();
        Harness.LeastDisturbed<RoundResult> kept = Harness.leastDisturbed("test", 0, config, runs::next, List::of);
        assertThat(kept.attempt().stealShare()).isEqualTo(0.08);
    }

    @Test
    void should_take_a_run_whose_machine_was_not_measured_as_undisturbed() throws Exception {
        Iterator<RoundResult> runs = List.of(run(Double.NaN, Double.NaN), run(0.5, 0.5)).iterator();
        Harness.LeastDisturbed<RoundResult> kept = Harness.leastDisturbed("test", 0, config, runs::next, List::of);
        assertThat(kept.repeats()).isZero();
        assertThat(kept.attempt().stealShare()).isNaN();
    }

    @Test
    void should_cut_a_round_into_slices_of_at_most_a_tenth_of_a_second() {
        assertThat(Harness.slices(Duration.ofMillis(400))).isEqualTo(4);
        assertThat(Harness.slices(Duration.ofSeconds(1))).isEqualTo(10);
        assertThat(Harness.slices(Duration.ofMillis(250))).isEqualTo(3);
        assertThat(Harness.slices(Duration.ofMillis(50))).isEqualTo(1);
    }

    @Test
    void should_run_the_slices_in_turns_reversing_the_order_every_other_turn_and_add_each_implementation_up()
            throws Exception {
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        List<Impl> order = List.of(new Sleeper("a", ran), new Sleeper("b", ran));
        Map<Impl, Worker[]> workers = new LinkedHashMap<>();
        for (Impl impl : order) workers.put(impl, new Worker[] {impl.worker(0, 1)});
        Map<Impl, RoundResult> results = Harness.interleaved(order, workers, Duration.ofMillis(300), () -> { });
        assertThat(ran).containsExactly("a", "b", "b", "a", "a", "b");
        assertThat(results.keySet()).containsExactlyElementsOf(order);
        for (RoundResult result : results.values()) {
            assertThat(result.nanos()).as("three slices of 100 ms").isBetween(Duration.ofMillis(300).toNanos(),
                    Duration.ofMillis(400).toNanos());
            assertThat(result.ops()).as("about one call a millisecond").isBetween(100L, 300L);
            assertThat(result.latencyNanos().getTotalCount()).isEqualTo(result.ops());
        }
    }

    @Test
    void should_add_two_runs_weighing_their_shares_by_their_times() {
        RoundResult first = new RoundResult(10, 100, 1_000, 50, 0, null, Allocation.newHistogram(), 0.10, 200, 80, 120,
                new ContextSwitches(1, 2), Double.NaN);
        RoundResult second = new RoundResult(30, 300, 3_000, 150, 1, "boom", Allocation.newHistogram(), 0.30, Double.NaN, 240,
                360, new ContextSwitches(3, 4), 0.04);
        RoundResult both = first.plus(second);
        assertThat(both.ops()).isEqualTo(40);
        assertThat(both.nanos()).isEqualTo(400);
        assertThat(both.bytes()).isEqualTo(4_000);
        assertThat(both.errors()).isEqualTo(1);
        assertThat(both.firstError()).isEqualTo("boom");
        assertThat(both.stealShare()).isCloseTo(0.25, within(1e-9));
        assertThat(both.compileShare()).as("known in one run only").isEqualTo(0.04);
        assertThat(both.machineCpuNanos()).as("unknown in one run").isNaN();
        assertThat(both.processCpuNanos()).isEqualTo(320);
        assertThat(both.switches()).isEqualTo(new ContextSwitches(4, 6));
    }

    /**
     * An implementation whose one worker sleeps a millisecond per call and notes its name when a run prepares it; a
     * class, equal only to itself, as the harness's implementations are (a record's hash would follow the list).
     */
    private static final class Sleeper implements Impl {
        private final String name;
        private final List<String> ran;

        Sleeper(String name, List<String> ran) {
            this.name = name;
            this.ran = ran;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Worker worker(int thread, int rowsPerThread) {
            return new Worker() {
                @Override
                public void update() throws InterruptedException {
                    Thread.sleep(1);
                }

                @Override
                public void prepare() {
                    ran.add(name);
                }
            };
        }
    }

    private static RoundResult run(double stealShare, double compileShare) {
        return new RoundResult(1, 1, 0, 0, 0, null, null, stealShare, Double.NaN, Double.NaN, Double.NaN,
                new ContextSwitches(0, 0), compileShare);
    }
}
