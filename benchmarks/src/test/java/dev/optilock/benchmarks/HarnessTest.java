package dev.optilock.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.List;
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

    private static RoundResult run(double stealShare, double compileShare) {
        return new RoundResult(1, 1, 0, 0, 0, null, null, stealShare, Double.NaN, Double.NaN, Double.NaN,
                new ContextSwitches(0, 0), compileShare);
    }
}
