package dev.optilock.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoundOrderTest {
    private static final List<String> IMPLS = List.of("optilock", "raw-jdbc", "raw-jdbc-control", "jooq", "hibernate",
            "optilock-modify", "raw-jdbc-same-sql", "optilock-reporting", "optilock-no-identities");

    @Test
    void should_run_every_implementation_once_in_each_round() {
        RoundOrder<String> orders = new RoundOrder<>("sql-update-8t", IMPLS);
        for (int round = 0; round < 30; round++) {
            assertThat(orders.next()).containsExactlyInAnyOrderElementsOf(IMPLS);
        }
    }

    @Test
    void should_draw_the_same_orders_for_the_same_scenario() {
        RoundOrder<String> first = new RoundOrder<>("sql-update-8t", IMPLS);
        RoundOrder<String> second = new RoundOrder<>("sql-update-8t", IMPLS);
        for (int round = 0; round < 30; round++) {
            assertThat(second.next()).isEqualTo(first.next());
        }
    }

    /** What a rotation never gives: over a full run's 30 rounds, each implementation runs right after many others. */
    @Test
    void should_not_keep_an_implementation_behind_the_same_predecessor() {
        RoundOrder<String> orders = new RoundOrder<>("sql-update-8t", IMPLS);
        List<String> sequence = new ArrayList<>();
        for (int round = 0; round < 30; round++) sequence.addAll(orders.next());
        for (String impl : IMPLS) {
            Set<String> predecessors = new HashSet<>();
            for (int i = 1; i < sequence.size(); i++) {
                if (sequence.get(i).equals(impl)) predecessors.add(sequence.get(i - 1));
            }
            assertThat(predecessors).as("the implementations " + impl + " ran right after").hasSizeGreaterThanOrEqualTo(IMPLS.size() / 2);
        }
    }
}
