package dev.optilock.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioResultTest {

    @Test
    void should_give_the_95_percent_interval_of_the_mean_of_the_paired_round_ratios_when_there_are_few_rounds() {
        // round ratios 0.9, 1.0, 1.1: mean 1.0, standard deviation 0.1, t(2) = 4.303, so 4.303 * 0.1 / sqrt(3)
        PairedRatio ratio = PairedRatio.of(List.of(90.0, 200.0, 110.0), List.of(100.0, 200.0, 100.0), 400 / 3.0, 400 / 3.0);
        assertThat(ratio.ci95()).isCloseTo(4.303 * 0.1 / Math.sqrt(3), within(1e-9));
        assertThat(ratio.value()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void should_have_no_interval_for_rounds_that_do_not_pair() {
        assertThat(PairedRatio.of(List.of(1.0), List.of(1.0), 1, 1).ci95()).isNaN();
        assertThat(PairedRatio.of(List.of(1.0, 2.0), List.of(1.0), 1.5, 1).ci95()).isNaN();
    }

    @Test
    void should_take_the_median_of_the_paired_ratios_so_that_one_fast_baseline_round_does_not_move_it() {
        // 29 rounds at 0.98, one in which the baseline ran 60 % faster: the ratio of totals drops by 2 %, the median not
        List<Double> optilock = new ArrayList<>(Collections.nCopies(30, 98.0));
        List<Double> baseline = new ArrayList<>(Collections.nCopies(30, 100.0));
        baseline.set(17, 160.0);
        PairedRatio ratio = PairedRatio.of(optilock, baseline, 98.0, (29 * 100.0 + 160.0) / 30);

        assertThat(ratio.value()).isCloseTo(0.98, within(1e-9));
        assertThat(ratio.ofTotals()).isCloseTo(98.0 / 102.0, within(1e-9));
        assertThat(ratio.ci95()).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void should_bound_the_median_by_the_order_statistics_of_a_95_percent_binomial_interval() {
        // for 30 rounds: [x(10), x(21)]; P(B <= 9) = 0.021, P(B <= 10) = 0.049 for B ~ Binomial(30, 1/2)
        assertThat(PairedRatio.lowerRank(30)).isEqualTo(10);
        assertThat(PairedRatio.lowerRank(6)).isEqualTo(1);
        assertThat(PairedRatio.lowerRank(5)).isZero();
        List<Double> optilock = new ArrayList<>();
        for (int i = 1; i <= 30; i++) optilock.add(90.0 + i);  // ratios 0.91 .. 1.20
        PairedRatio ratio = PairedRatio.of(optilock, Collections.nCopies(30, 100.0), 105.5, 100.0);

        assertThat(ratio.value()).isCloseTo(1.055, within(1e-9));  // between x(15) = 1.05 and x(16) = 1.06
        assertThat(ratio.ci95()).isCloseTo(1.055 - 1.00, within(1e-9));  // x(10) = 1.00, x(21) = 1.11
    }

    @Test
    void should_report_the_ratio_of_totals_beside_the_median() {
        List<Double> rounds = Collections.nCopies(10, 100.0);
        ScenarioResult scenario = compared("sql-update-1t", stats("optilock", 95.0, 95.0, 95.0, 95.0, 95.0, 95.0, 95.0, 95.0, 95.0, 50.0),
                stats("raw-jdbc", rounds.stream().mapToDouble(Double::doubleValue).toArray()));

        assertThat(scenario.ratios.get("optilock/raw-jdbc")).isCloseTo(0.95, within(1e-9));
        assertThat(scenario.ratios.get("optilock/raw-jdbc by totals")).isCloseTo(0.905, within(1e-9));
    }

    @Test
    void should_report_the_interval_beside_the_throughput_ratio_and_the_target() {
        ScenarioResult scenario = compared("sql-update-1t", stats("optilock", 95.0, 105.0), stats("raw-jdbc", 100.0, 100.0));

        assertThat(scenario.ratios.get("optilock/raw-jdbc")).isCloseTo(1.0, within(1e-9));
        assertThat(scenario.ratioCi95.get("optilock/raw-jdbc")).isCloseTo(12.706 * Math.sqrt(0.005) / Math.sqrt(2), within(1e-9));
        Target target = Target.evaluate(List.of(scenario)).get(0);
        assertThat(target.measured()).isEqualTo("1.000 +-0.635");
    }

    @Test
    void should_leave_a_target_within_the_control_s_distance_from_1_undecided() {
        Target target = optilockAgainstJdbc(94.0, 107.0);
        assertThat(target.noiseFloor()).isCloseTo(0.07, within(1e-9));
        assertThat(target.met()).isFalse();
        assertThat(target.decided()).isFalse();
        assertThat(target.verdict("yes", "no")).isEqualTo("no (within the run's noise floor, +-0.070)");
    }

    @Test
    void should_decide_a_target_farther_from_its_goal_than_the_noise_floor() {
        Target target = optilockAgainstJdbc(80.0, 102.0);
        assertThat(target.decided()).isTrue();
        assertThat(target.verdict("yes", "no")).isEqualTo("no");
    }

    @Test
    void should_decide_by_the_value_alone_without_a_control() {
        Target target = optilockAgainstJdbc(96.0, Double.NaN);
        assertThat(target.noiseFloor()).isNaN();
        assertThat(target.verdict("yes", "no")).isEqualTo("yes");
    }

    @Test
    void should_hold_optilock_to_the_jooq_goal_of_issue_13() {
        ScenarioResult scenario = compared("sql-update-8t", stats("optilock", 102.0, 102.0), stats("jooq", 100.0, 100.0));

        Target target = target(List.of(scenario), "sql-update-8t", "optilock/jooq");
        assertThat(target.goal()).isEqualTo(">= 1.0");
        assertThat(target.met()).isTrue();
    }

    @Test
    void should_hold_the_heap_per_write_to_1_kb_on_postgresql_and_to_twice_the_raw_driver_on_cassandra() {
        ScenarioResult sql = new ScenarioResult("sql-update-1t", "test");
        sql.results.add(withBytes(stats("optilock", 100.0), 102_500));
        ScenarioResult cql = new ScenarioResult("cql-update-8t", "test");
        cql.results.add(withBytes(stats("optilock", 100.0), 110_000));
        cql.results.add(withBytes(stats("raw-lwt", 100.0), 50_000));
        List<ScenarioResult> scenarios = List.of(sql, cql);

        Target postgres = target(scenarios, "sql-update-1t", "optilock heap bytes per write");
        assertThat(postgres.value()).isCloseTo(1025.0, within(1e-9));
        assertThat(postgres.met()).isFalse();
        Target cassandra = target(scenarios, "cql-update-8t", "optilock/raw-lwt heap bytes per write");
        assertThat(cassandra.value()).isCloseTo(2.2, within(1e-9));
        assertThat(cassandra.met()).isFalse();
        assertThat(target(scenarios, "sql-update-8t", "optilock heap bytes per write").met()).isNull();
    }

    private static Target target(List<ScenarioResult> scenarios, String scenario, String what) {
        return Target.evaluate(scenarios).stream()
                .filter(target -> target.scenario().equals(scenario) && target.what().equals(what))
                .findFirst().orElseThrow();
    }

    private static ImplStats withBytes(ImplStats stats, long bytes) {
        stats.bytes = bytes;
        return stats;
    }

    /**
     * The 8-thread {@code optilock/raw-jdbc} target of a scenario in which hand-written JDBC ran at 100 ops/s, Optilock
     * at {@code optilock} and the control at {@code control} (NaN: no control), in two equal rounds each.
     */
    private static Target optilockAgainstJdbc(double optilock, double control) {
        ScenarioResult scenario = compared("sql-update-8t", stats("optilock", optilock, optilock), stats("raw-jdbc", 100.0, 100.0));
        if (!Double.isNaN(control)) {
            scenario.results.add(stats("raw-jdbc-control", control, control));
            scenario.throughputRatio("raw-jdbc-control", "raw-jdbc");
        }
        return target(List.of(scenario), "sql-update-8t", "optilock/raw-jdbc");
    }

    /** A scenario of {@code measured} and {@code baseline}, with the throughput ratio of the first to the second. */
    private static ScenarioResult compared(String name, ImplStats measured, ImplStats baseline) {
        ScenarioResult scenario = new ScenarioResult(name, "test");
        scenario.results.add(measured);
        scenario.results.add(baseline);
        scenario.throughputRatio(measured.impl, baseline.impl);
        return scenario;
    }

    private static ImplStats stats(String impl, double... roundOpsPerSec) {
        ImplStats stats = new ImplStats(impl);
        for (double opsPerSec : roundOpsPerSec) {
            stats.roundOpsPerSec.add(opsPerSec);
            stats.ops += (long) opsPerSec;
            stats.nanos += 1_000_000_000L;
        }
        return stats;
    }
}
