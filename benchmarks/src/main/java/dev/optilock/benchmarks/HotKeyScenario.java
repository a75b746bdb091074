package dev.optilock.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.Changes;
import dev.optilock.RetryPolicy;
import dev.optilock.StoreCounters;
import dev.optilock.StoreOptions;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedStore;
import dev.optilock.sql.SqlFlavor;
import dev.optilock.sql.SqlStores;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scenario 3: {@value #THREADS} threads {@code modify} one row (read, add 1, versioned write, retry on conflict) on
 * PostgreSQL, for {@link RetryPolicy#DEFAULT} (exponential backoff with jitter) and {@link RetryPolicy#immediate}
 * with the same number of attempts, alternating. Goodput is applied writes per second; a {@code modify} whose
 * attempts ran out is counted as exhausted, not applied. After every run the counter must have grown by exactly the
 * number of applied writes: no update lost, none applied twice.
 */
final class HotKeyScenario {
    static final int THREADS = 16;
    static final long KEY = 1L;

    private HotKeyScenario() {
    }

    static ScenarioResult run(Config config, SqlDatabase database) throws Exception {
        ScenarioResult scenario = new ScenarioResult("hot-key-sql", THREADS + " threads modify one row (read, +1, versioned"
                + " write, retry), PostgreSQL, pool of " + THREADS + " connections");
        Map<String, Variant> variants = new LinkedHashMap<>();
        CountingDataSource counting = new CountingDataSource(database.simpleDataSource());
        try (HikariDataSource pool = database.countingPool("hot-key", THREADS, counting);
             VersionedStore store = SqlStores.fromDataSource(pool, SqlFlavor.POSTGRESQL, StoreOptions.defaults());
             VersionedStore reporting = SqlStores.fromDataSource(pool, SqlFlavor.POSTGRESQL, database.reportingStoreOptions())) {
            // The default policy against immediate retry with the same attempt budget, on the default statement (a
            // RETURNING update, and a probe when it changed nothing: two round trips on every conflict); and the default
            // policy on writeStatement=reporting (one CTE that reports the row it met), on a counter of its own.
            variants.put("default", new Variant(store, RetryPolicy.DEFAULT, "hot_counter"));
            variants.put("immediate-" + RetryPolicy.DEFAULT.maxAttempts(),
                    new Variant(store, RetryPolicy.immediate(RetryPolicy.DEFAULT.maxAttempts()), "hot_counter"));
            variants.put("default-reporting", new Variant(reporting, RetryPolicy.DEFAULT, database.reportingSchema() + ".hot_counter"));
            Map<String, Worker[]> workers = new LinkedHashMap<>();
            Map<String, ImplStats> stats = new LinkedHashMap<>();
            Map<String, long[]> totals = new LinkedHashMap<>(); // conflicts, retries, statements, exhausted, lost
            for (Map.Entry<String, Variant> variant : variants.entrySet()) {
                VersionedRepository<HotCounter, Long> counters = variant.getValue().store().repository(HotCounter.class, Long.class);
                RetryPolicy policy = variant.getValue().policy();
                Worker[] perThread = new Worker[THREADS];
                for (int t = 0; t < THREADS; t++) {
                    perThread[t] = () -> counters.modify(KEY, counter -> Changes.of("hits", counter.hits() + 1), policy);
                }
                workers.put(variant.getKey(), perThread);
                stats.put(variant.getKey(), new ImplStats(variant.getKey()));
                totals.put(variant.getKey(), new long[5]);
            }
            database.vacuum();
            // At least one round's length of warm-up each: a policy's first second under contention is still compiling.
            java.time.Duration warmup = config.warmup().compareTo(config.hotRound()) > 0 ? config.warmup() : config.hotRound();
            for (String policy : variants.keySet()) {
                Measured warm = measure(workers.get(policy), warmup, variants.get(policy), pool, counting);
                Log.info("hot-key warm-up %-12s %6.0f applied/s%s", policy, warm.result.opsPerSec(), warm.lost == 0 ? ""
                        : "  LOST " + warm.lost);
                totals.get(policy)[4] += Math.abs(warm.lost);
            }
            int repeated = 0;
            for (int round = 0; round < config.hotRounds(); round++) {
                List<String> order = new ArrayList<>(variants.keySet());
                java.util.Collections.rotate(order, -round);
                // As in Harness.alternate: a round in which the hypervisor or the JIT took more than its limit during any
                // policy's run is measured once more, and the less disturbed attempt kept. Every run's lost updates count.
                int measured = round;
                Harness.LeastDisturbed<Map<String, Measured>> attempt = Harness.leastDisturbed("hot-key", round, config, () -> {
                    Map<String, Measured> runs = new LinkedHashMap<>();
                    for (String policy : order) {
                        Harness.settle();
                        Measured run = measure(workers.get(policy), config.hotRound(), variants.get(policy), pool, counting);
                        runs.put(policy, run);
                        totals.get(policy)[4] += Math.abs(run.lost);
                        log(measured, config, policy, run);
                    }
                    return runs;
                }, runs -> runs.values().stream().map(run -> run.result).toList());
                repeated += attempt.repeats();
                Map<String, Measured> kept = attempt.attempt();
                for (Map.Entry<String, Measured> entry : kept.entrySet()) {
                    Measured run = entry.getValue();
                    stats.get(entry.getKey()).add(run.result);
                    long[] total = totals.get(entry.getKey());
                    total[0] += run.conflicts;
                    total[1] += run.retries;
                    total[2] += run.statements;
                    total[3] += run.result.errors();
                }
            }
            for (String policy : variants.keySet()) {
                ImplStats policyStats = stats.get(policy);
                long[] total = totals.get(policy);
                policyStats.statementsPerOp = policyStats.ops == 0 ? Double.NaN : (double) total[2] / policyStats.ops;
                policyStats.extra.put("conflictsPerApplied", policyStats.ops == 0 ? Double.NaN : (double) total[0] / policyStats.ops);
                policyStats.extra.put("retriesPerApplied", policyStats.ops == 0 ? Double.NaN : (double) total[1] / policyStats.ops);
                policyStats.extra.put("p999Ms", policyStats.latencyNanos.getValueAtPercentile(99.9) / 1e6);
                policyStats.extra.put("maxMs", policyStats.latencyNanos.getMaxValue() / 1e6);
                policyStats.extra.put("exhausted", total[3]);
                policyStats.extra.put("exhaustedPercent", 100.0 * total[3] / (total[3] + policyStats.ops));
                policyStats.extra.put("lostUpdates", total[4]);
                policyStats.extra.put("stealPercent", Math.round(1000 * policyStats.meanStealShare()) / 10.0);
                policyStats.extra.put("roundsRepeated", repeated);
                scenario.results.add(policyStats);
            }
            for (VersionedStore counted : List.of(store, reporting)) {
                long finalHits = counted.repository(HotCounter.class, Long.class).find(KEY).orElseThrow().hits();
                long applied = counted.counters().applied();
                scenario.notes.add(String.format(Locale.ROOT, "No update lost: the counter ends at %d and the store counted %d"
                        + " applied writes (warm-up included)%s.", finalHits, applied, finalHits == applied ? "" : " -- MISMATCH"));
                if (finalHits != applied) throw new IllegalStateException("hot key: counter " + finalHits + " != applied " + applied);
            }
        }
        String[] names = variants.keySet().toArray(new String[0]);
        scenario.throughputRatio(names[0], names[1]);
        ImplStats backoff = scenario.get(names[0]);
        ImplStats immediate = scenario.get(names[1]);
        scenario.ratios.put("p99 " + names[0] + "/" + names[1], backoff.p99Ms() / immediate.p99Ms());
        scenario.throughputRatio(names[0], names[2]);
        scenario.ratios.put("p99 " + names[0] + "/" + names[2], backoff.p99Ms() / scenario.get(names[2]).p99Ms());
        scenario.notes.add("A modify whose " + RetryPolicy.DEFAULT.maxAttempts() + " attempts all conflicted is 'exhausted'"
                + " (OptimisticLockException to the caller): not applied, not in the latency percentiles, which are those of"
                + " applied modifies (retries included). statementsPerOp here = statements per applied write, reads and"
                + " losing writes included, through the counting DataSource (so bytesPerOp includes its proxies).");
        return scenario;
    }

    private static void log(int round, Config config, String policy, Measured run) {
        Log.info("hot-key round %d/%d %-12s %6.0f applied/s  %.2f conflicts/applied  p50 %.2f ms  p99 %.2f ms"
                + "  exhausted %d  lost %d  steal %4.1f %%", round + 1, config.hotRounds(), policy, run.result.opsPerSec(),
                run.result.ops() == 0 ? 0.0 : (double) run.conflicts / run.result.ops(),
                run.result.latencyNanos().getValueAtPercentile(50) / 1e6,
                run.result.latencyNanos().getValueAtPercentile(99) / 1e6, run.result.errors(), run.lost,
                100 * run.result.stealShare());
    }

    private record Measured(RoundResult result, long conflicts, long retries, long statements, long lost) {
    }

    /** A store, a retry policy and the counter table it writes. */
    private record Variant(VersionedStore store, RetryPolicy policy, String table) {
    }

    private static Measured measure(Worker[] workers, java.time.Duration duration, Variant variant, HikariDataSource pool,
            CountingDataSource counting) throws Exception {
        VersionedStore store = variant.store();
        long hitsBefore = SqlDatabase.queryLong(pool, "SELECT hits FROM " + variant.table() + " WHERE id = " + KEY);
        StoreCounters before = store.counters();
        long statementsBefore = counting.statements();
        RoundResult result = Harness.run(workers, duration);
        long statements = counting.statements() - statementsBefore;
        StoreCounters after = store.counters();
        long hitsAfter = SqlDatabase.queryLong(pool, "SELECT hits FROM " + variant.table() + " WHERE id = " + KEY);
        long lost = result.ops() - (hitsAfter - hitsBefore);
        return new Measured(result, after.conflicts() - before.conflicts(), after.retries() - before.retries(), statements, lost);
    }
}
