package dev.optilock.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The order in which the implementations of a scenario run in each round: a new permutation every round, drawn from
 * a generator seeded by the scenario's name, so that a run is repeatable and every implementation follows every other
 * about equally often.
 *
 * <p>An order that only rotates keeps each implementation's predecessor fixed for the whole run, and on PostgreSQL
 * the predecessor moved the result: {@code raw-jdbc-same-sql}, which sends a wider statement than {@code raw-jdbc},
 * ran 3 to 7 % faster than it in each of five full runs where it always followed {@code optilock-modify} (a read, then
 * the write, on the same rows), and 0.5 to 7 % slower in the quick runs where it followed {@code raw-jdbc}.
 *
 * <p>The hot-key scenarios, of 3 or 4 rounds, keep rotating their policies: over so few rounds a rotation puts each in
 * each place once, which random orders would not.
 */
final class RoundOrder<T> {
    private final List<T> items;
    private final Random random;

    RoundOrder(String scenario, List<T> items) {
        this.items = List.copyOf(items);
        this.random = new Random(scenario.hashCode());
    }

    /** The next round's order. */
    List<T> next() {
        List<T> order = new ArrayList<>(items);
        Collections.shuffle(order, random);
        return order;
    }
}
