package dev.optilock.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * How long and how often to measure. {@code --quick} runs every scenario with the implementations its targets name
 * ({@link #QUICK_IMPLS}, unless {@code --impls} names others) in 30 alternating rounds of 400 ms after at least 3 s of warm-up
 * (about 6 minutes here); the full run is what the published table comes from (about 30 minutes here, rounds measured again for steal
 * included). Many short rounds rather than a few long ones: the host of this virtual machine takes a share of its CPU
 * that changes from second to second, and a round it spoiled is measured again ({@link Harness#alternate}). The full
 * run measures 30 rounds of 1 s (until 2026-12-07, 10 of 3 s): the same time per implementation, but three times the
 * paired rounds. Two identical statements sent by hand in one run of 20 alternating rounds differed by up to 8 % at
 * 1 thread, and the 10-round full runs' 95 % intervals (+-0.06 to +-0.14) could not tell 0.93 from 1.0; the quick
 * run's 30 rounds of 400 ms kept theirs within +-0.05.
 *
 * @param rounds measured rounds per implementation; implementations alternate within each round
 * @param warmup warm-up time per implementation before the first round (discarded)
 * @param round measured time of one implementation in one round, run in slices of at most 100 ms taken in turns with
 *     the other implementations' ({@link Harness#interleaved})
 * @param countOps operations per implementation in the statement-counting pass
 * @param hotRounds measured rounds per retry policy in the hot-key scenario
 * @param hotRound measured time of one retry policy in one hot-key round
 * @param only scenario name prefixes to run (empty: all)
 * @param impls implementations to run (empty: all); for profiling one of them
 * @param stealLimit the share of the machine's CPU the hypervisor may take in a run before its round is measured again
 *     ({@link Harness#alternate}); {@code --steal-limit PERCENT}, default 10
 * @param jitLimit the share of a run's time this JVM's JIT may spend compiling before its round is measured again
 *     ({@link Harness#alternate}), and after which a warm-up goes on ({@code --jit-limit PERCENT}, default 5): in
 *     steady state it compiled for 0 to 3 % of a run
 * @param pinned whether the 1-thread SQL scenario pins the client thread and the server to CPUs of their own
 *     ({@link CpuPinning}); {@code --unpinned} turns it off, to compare
 */
record Config(boolean quick, int rounds, Duration warmup, Duration round, int countOps, int hotRounds, Duration hotRound,
        Path out, Set<String> only, Set<String> impls, double stealLimit, double jitLimit, boolean pinned) {

    /**
     * What {@code --quick} measures unless {@code --impls} says otherwise: the implementations the targets name, so
     * that its time goes into more alternating rounds (30 x 400 ms) rather than into the other baselines and diagnostics.
     * Its warm-up is 3 s per implementation: after 1 s, the JIT was still compiling through the first measured rounds
     * (in one run, the JVM's CPU per write fell from 126 to 17 us over Optilock's first four, from 84 to 20 us after
     * hand-written JDBC's first). {@code raw-jdbc-control} (hand-written JDBC again, on the same rows) gives every
     * quick run its noise floor ({@link Target#noiseFloor}).
     */
    static final Set<String> QUICK_IMPLS = Set.of("optilock", "raw-jdbc", "raw-jdbc-control", "jooq", "raw-lwt");

    static Config parse(String[] args) {
        boolean quick = false;
        Path out = Path.of("benchmarks/target/bench");
        Set<String> only = Set.of();
        Set<String> impls = Set.of();
        boolean pinned = true;
        double stealLimit = 0.10;
        double jitLimit = 0.05;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(args[++i]);
                case "--only" -> only = Set.of(args[++i].toLowerCase(Locale.ROOT).split(","));
                case "--impls" -> impls = Set.of(args[++i].toLowerCase(Locale.ROOT).split(","));
                case "--unpinned" -> pinned = false;
                case "--steal-limit" -> stealLimit = Double.parseDouble(args[++i]) / 100;
                case "--jit-limit" -> jitLimit = Double.parseDouble(args[++i]) / 100;
                default -> throw new IllegalArgumentException("unknown argument '" + args[i]
                        + "'; usage: [--quick] [--out DIR] [--only sql-update,cql-update,hot-key,cluster] [--impls optilock,raw-jdbc,...] [--unpinned] [--steal-limit PERCENT] [--jit-limit PERCENT]");
            }
        }
        if (quick) {
            Set<String> measured = impls.isEmpty() ? QUICK_IMPLS : impls;
            return new Config(true, 30, Duration.ofSeconds(3), Duration.ofMillis(400), 200, 3, Duration.ofMillis(2500), out, only, measured, stealLimit, jitLimit, pinned);
        }
        return new Config(false, 30, Duration.ofSeconds(3), Duration.ofSeconds(1), 1000, 4, Duration.ofSeconds(6), out, only, impls, stealLimit, jitLimit, pinned);
    }

    boolean runs(String scenario) {
        return only.isEmpty() || only.stream().anyMatch(scenario::startsWith);
    }

    /**
     * The cluster scenarios (a 3-node cluster to start, 40 s here) run in the full run, and in a quick one only when
     * {@code --only} names them.
     */
    boolean runsCluster() {
        return quick ? only.stream().anyMatch("cluster"::startsWith) : runs("cluster");
    }

    boolean includes(String impl) {
        return impls.isEmpty() || impls.contains(impl);
    }

    String describe() {
        return (quick ? "quick" : "full") + ": " + rounds + " alternating rounds x " + round.toMillis() + " ms per implementation"
                + " after " + warmup.toMillis() + " ms warm-up (longer while the JIT compiles); hot key " + hotRounds + " rounds x " + hotRound.toMillis() + " ms"
                + "; rounds with more than " + Math.round(100 * stealLimit) + " % steal or " + Math.round(100 * jitLimit)
                + " % JIT compilation measured again" + (pinned ? "" : "; unpinned");
    }
}
