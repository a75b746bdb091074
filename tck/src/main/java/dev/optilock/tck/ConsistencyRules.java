package dev.optilock.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.optilock.Changes;
import dev.optilock.Condition;
import dev.optilock.EntitySpec;
import dev.optilock.OperationEvent;
import dev.optilock.PrimaryKey;
import dev.optilock.RetryPolicy;
import dev.optilock.Row;
import dev.optilock.StoreCounters;
import dev.optilock.VersionKind;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedStore;
import dev.optilock.VersionedStores;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Rules 2.5 (linearizability), 3.1 (differential against the reference backend) and 4.1 (counters). */
public interface ConsistencyRules extends TckHooks {

    @Test
    default void required_2_5_mixed_workload_is_linearizable() {
        String rule = RuleMessages.rule("2.5", tck().seed());
        EntitySpec spec = tck().counterTable("tck_lin", VersionKind.UUID);
        VersionedRepository<Row, PrimaryKey> rows = tck().store().rows(spec);
        History history = new MixedWorkload(rows, List.of("h0", "h1", "h2")).run(4, 60, tck().seed());
        tck().exportHistory("2.5", history);
        LinearizabilityChecker.Result result = LinearizabilityChecker.check(history);
        assertThat(result.linearizable()).as(rule + ": " + result.explanation()).isTrue();
    }

    @Test
    default void required_3_1_random_scripts_match_the_reference_backend() {
        for (int script = 0; script < 3; script++) {
            long seed = tck().seed() + script;
            EntitySpec spec = tck().counterTable("tck_diff", VersionKind.LONG);
            List<DifferentialScript.Step> actual = DifferentialScript.run(tck().store().rows(spec), seed, 150);
            List<DifferentialScript.Step> expected;
            try (VersionedStore reference = VersionedStores.open("optilock:mem:")) {
                reference.createTable(spec);
                expected = DifferentialScript.run(reference.rows(spec), seed, 150);
            }
            for (int step = 0; step < expected.size(); step++) {
                assertThat(actual.get(step)).as(RuleMessages.rule("3.1", seed) + ": first diverging step " + step
                        + "\n  reference: " + expected.get(step) + "\n  backend:   " + actual.get(step)).isEqualTo(expected.get(step));
            }
        }
    }

    @Test
    default void required_4_1_counters_agree_with_outcomes() {
        String rule = RuleMessages.rule("4.1", tck().seed());
        VersionedStore store = tck().store();
        EntitySpec spec = tck().counterTable("tck_obs", VersionKind.LONG);
        VersionedRepository<Row, PrimaryKey> rows = store.rows(spec);
        List<OperationEvent> events = new CopyOnWriteArrayList<>();
        StoreCounters before = store.counters();
        try (AutoCloseable registration = store.addListener(events::add)) {
            PrimaryKey key = PrimaryKey.of("a");
            rows.insert(Row.builder().set("id", "a").set("value", 1L).build());                          // applied
            rows.insertIfAbsent(Row.builder().set("id", "a").build());                                  // conflict
            rows.updateWithVersion(key, 1L, Changes.of("value", 2L));                                   // applied
            catchThrowable(() -> rows.updateWithVersion(key, 1L, Changes.of("value", 3L)));             // conflict
            catchThrowable(() -> rows.updateWithVersion(PrimaryKey.of("b"), 1L, Changes.of("value", 3L))); // not found
            rows.update(key, Changes.of("value", 4L), Condition.greaterThan("value", 10L));             // conflict
            rows.updateIfExists(PrimaryKey.of("b"), Changes.of("value", 4L));                           // not found
            AtomicBoolean interfere = new AtomicBoolean(true);
            rows.modify(key, current -> {                                                                // conflict, retry, applied
                if (interfere.getAndSet(false)) rows.updateWithVersion(key, current.getLong("version"), Changes.of("note", "x")); // applied
                return Changes.of("value", current.getLong("value") + 1);
            }, RetryPolicy.immediate(3));
            rows.deleteIfExists(key);                                                                     // applied
            rows.deleteIfExists(key);                                                                     // not found
        } catch (Exception e) {
            throw new AssertionError(rule, e);
        }
        StoreCounters after = store.counters();
        assertThat(after.applied() - before.applied()).as(rule + ": applied").isEqualTo(5);
        assertThat(after.conflicts() - before.conflicts()).as(rule + ": conflicts").isEqualTo(4);
        assertThat(after.notFound() - before.notFound()).as(rule + ": not found").isEqualTo(3);
        assertThat(after.retries() - before.retries()).as(rule + ": retries").isEqualTo(1);
        assertThat(after.unknownOutcomes() - before.unknownOutcomes()).as(rule + ": unknown outcomes").isZero();
        long writeEvents = events.stream().filter(event -> event.operation() != OperationEvent.Operation.FIND).count();
        assertThat(writeEvents).as(rule + ": the listener saw every write outcome and retry").isEqualTo(5 + 4 + 3 + 1);
    }
}
