package dev.optilock.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class HarnessTest {
    private final Config config = Config.parse(new String[] {"--quick"}); // steal limit 10 %

    @Test
    void should_measure_a_round_once_when_the_steal_was_within_the_limit() throws Exception {
        Iterator<Double> steals = List.of(0.05, 0.01).iterator();
        Harness.LeastStolen<Double> kept = Harness.leastStolen("test", 0, config, steals::next, steal -> steal);
        assertThat(kept.attempt()).isEqualTo(0.05);
        assertThat(kept.repeats()).isZero();
    }

    @Test
    void should_measure_a_stolen_round_again_and_keep_the_attempt_with_less_steal() throws Exception {
        Iterator<Double> steals = List.of(0.30, 0.20, 0.01).iterator();
        Harness.LeastStolen<Double> kept = Harness.leastStolen("test", 0, config, steals::next, steal -> steal);
        assertThat(kept.attempt()).isEqualTo(0.20);
        assertThat(kept.repeats()).isEqualTo(Harness.ATTEMPTS_PER_ROUND - 1);
    }

    @Test
    void should_keep_the_first_attempt_when_the_second_was_stolen_more() throws Exception {
        Iterator<Double> steals = List.of(0.20, 0.40).iterator();
        assertThat(Harness.leastStolen("test", 0, config, steals::next, steal -> steal).attempt()).isEqualTo(0.20);
    }
}
