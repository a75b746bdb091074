package dev.optilock.benchmarks;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.servererrors.CASWriteUnknownException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import dev.optilock.Changes;
import dev.optilock.OptimisticLockException;
import dev.optilock.OutcomeUnknownException;
import dev.optilock.RetryPolicy;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * {@value #THREADS} threads add 1 to one row of the cluster, both with {@link RetryPolicy#DEFAULT}'s attempts and
 * backoff: Optilock's {@code modify} against the loop a user writes with the raw driver (a SERIAL read, then
 * {@code UPDATE ... IF version = ?}). Under this contention Paxos answers some LWTs with a timeout whose outcome is
 * unknown. Optilock settles them (re-sends the same write, judges it by its write identity) and counts them as
 * settled; the raw loop can only give up on them ("unknown"), and the counter shows afterwards how many of those had
 * in fact applied: each one a double increment had the loop simply retried it.
 *
 * <p>Checked after every run: Optilock's counter grew by at least its applied writes (no lost update) and by at most
 * its applied writes plus the unknown outcomes it reported (nothing applied behind a reported failure).
 */
final class ClusterHotKeyScenario {
    static final String NAME = "cluster-hot-key";
    static final int THREADS = 8;
    private static final long KEY = 1L;
    private static final RetryPolicy POLICY = RetryPolicy.DEFAULT;

    private ClusterHotKeyScenario() {
    }

    static String description() {
        return THREADS + " threads add 1 to one row (read, +1, versioned LWT, retry with the default backoff), 3-node"
                + " Cassandra cluster, replication factor 3";
    }

    static ScenarioResult run(Config config, CqlSession session, String keyspace) throws Exception {
        ScenarioResult scenario = new ScenarioResult(NAME, description());
        session.execute("CREATE KEYSPACE " + keyspace
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}");
        session.execute("CREATE TABLE " + keyspace + ".hot_raw (id bigint PRIMARY KEY, hits bigint, version bigint)");
        session.execute(SimpleStatement.newInstance("INSERT INTO " + keyspace + ".hot_raw (id, hits, version) VALUES (?, 0, 1)",
                KEY).setConsistencyLevel(ConsistencyLevel.QUORUM));
        try (VersionedStore store = CqlScenarios.open(session, keyspace)) {
            store.createTable(HotCounter.class);
            VersionedRepository<HotCounter, Long> counters = store.repository(HotCounter.class, Long.class);
            counters.insert(new HotCounter(KEY, 0, 0));
            List<Contender> contenders = List.of(new OptilockContender(store, counters), new RawLoop(session, keyspace));
            Map<String, ImplStats> stats = new LinkedHashMap<>();
            Map<String, Tally> totals = new LinkedHashMap<>();
            for (Contender contender : contenders) {
                stats.put(contender.name, new ImplStats(contender.name));
                totals.put(contender.name, new Tally());
            }
            for (Contender contender : contenders) {
                Tally warm = contender.measure(session, keyspace, config.warmup());
                Log.info("%s warm-up %-16s %6.0f applied/s  unknown %d  settled %d", NAME, contender.name,
                        warm.result.opsPerSec(), warm.unknown, warm.settled);
            }
            for (int round = 0; round < config.hotRounds(); round++) {
                List<Contender> order = new ArrayList<>(contenders);
                java.util.Collections.rotate(order, -round);
                for (Contender contender : order) {
                    Harness.settle();
                    Tally run = contender.measure(session, keyspace, config.hotRound());
                    stats.get(contender.name).add(run.result);
                    totals.get(contender.name).add(run);
                    Log.info("%s round %d/%d %-16s %6.0f applied/s  %.2f conflicts/applied  p99 %.1f ms  unknown %d"
                            + "  settled %d  exhausted %d  other failures %d  counter +%d", NAME, round + 1,
                            config.hotRounds(), contender.name, run.result.opsPerSec(), perApplied(run.conflicts, run.result.ops()),
                            run.result.latencyNanos().getValueAtPercentile(99) / 1e6, run.unknown, run.settled, run.exhausted,
                            run.other, run.counterGrowth);
                }
            }
            for (Contender contender : contenders) {
                ImplStats result = stats.get(contender.name);
                Tally total = totals.get(contender.name);
                result.extra.put("conflictsPerApplied", perApplied(total.conflicts, result.ops));
                result.extra.put("unknownToCaller", total.unknown);
                result.extra.put("unknownAppliedAnyway", contender.settles ? null : total.counterGrowth - result.ops);
                result.extra.put("settled", contender.settles ? total.settled : null);
                result.extra.put("settledPer1000Applied", contender.settles ? 1000.0 * perApplied(total.settled, result.ops) : null);
                result.extra.put("exhausted", total.exhausted);
                result.extra.put("readFailures", contender.settles ? null : total.readFailures);
                result.extra.put("otherFailures", total.other);
                result.extra.put("lostUpdates", Math.max(0, result.ops - total.counterGrowth));
                if (contender.firstOther.get() != null) {
                    scenario.notes.add(contender.name + ": first other failure: " + contender.firstOther.get());
                }
                if (contender.settles && contender.firstUnknown.get() != null) {
                    scenario.notes.add(contender.name + ": first unknown outcome the caller got: " + contender.firstUnknown.get());
                }
                scenario.results.add(result);
            }
        }
        scenario.throughputRatio("optilock-modify", "raw-lwt-loop");
        scenario.notes.add("unknownToCaller: calls that ended without an answer (Optilock: OutcomeUnknownException; the raw loop:"
                + " a WriteTimeoutException or CASWriteUnknownException of its LWT, or the driver's timeout). unknownAppliedAnyway:"
                + " how many of the raw loop's unknown outcomes had applied (the counter grew by more than its applied writes)."
                + " settled: Optilock's writes whose outcome Cassandra left unknown and the store then settled"
                + " (StoreCounters.settledOutcomes). otherFailures: calls that failed otherwise, of which readFailures: SERIAL reads that"
                + " failed (a SERIAL read is a Paxos round: under contention it times out as a CAS write does; the raw loop"
                + " gives up, Optilock re-reads within its budget).");
        scenario.notes.add("The raw table has three columns; Optilock's has its four write-identity columns besides.");
        return scenario;
    }

    private static double perApplied(long count, long applied) {
        return applied == 0 ? Double.NaN : (double) count / applied;
    }

    /** The counts of one run (or their sum over the rounds). */
    private static final class Tally {
        RoundResult result;
        long conflicts;
        long unknown;
        long settled;
        long exhausted;
        long other;
        long readFailures;
        long counterGrowth;

        void add(Tally run) {
            conflicts += run.conflicts;
            unknown += run.unknown;
            settled += run.settled;
            exhausted += run.exhausted;
            other += run.other;
            readFailures += run.readFailures;
            counterGrowth += run.counterGrowth;
        }
    }

    /** One way of adding 1 to the hot row, with its failure counts. */
    private abstract static class Contender {
        final String name;
        final boolean settles;
        final LongAdder conflicts = new LongAdder();
        final LongAdder unknown = new LongAdder();
        final LongAdder exhausted = new LongAdder();
        final LongAdder other = new LongAdder();
        /** Of {@link #other}: SERIAL reads that failed (the raw loop gives up; Optilock re-reads within its budget). */
        final LongAdder readFailures = new LongAdder();
        final java.util.concurrent.atomic.AtomicReference<String> firstOther = new java.util.concurrent.atomic.AtomicReference<>();
        /** The first unknown outcome that reached the caller, with its reason (Optilock's says why it could not settle it). */
        final java.util.concurrent.atomic.AtomicReference<String> firstUnknown = new java.util.concurrent.atomic.AtomicReference<>();

        Contender(String name, boolean settles) {
            this.name = name;
            this.settles = settles;
        }

        abstract void increment();

        abstract String table();

        long settledSoFar() {
            return 0;
        }

        Tally measure(CqlSession session, String keyspace, java.time.Duration duration) throws Exception {
            Worker[] workers = new Worker[THREADS];
            for (int t = 0; t < THREADS; t++) {
                workers[t] = () -> {
                    try {
                        increment();
                    } catch (OutcomeUnknownException | UnknownOutcome e) {
                        unknown.increment();
                        firstUnknown.compareAndSet(null, e.getMessage());
                        throw e;
                    } catch (OptimisticLockException | Exhausted e) {
                        exhausted.increment();
                        throw e;
                    } catch (RuntimeException e) {
                        other.increment();
                        firstOther.compareAndSet(null, e.toString());
                        throw e;
                    }
                };
            }
            long before = hits(session, keyspace);
            long[] counts = {conflicts.sum(), unknown.sum(), exhausted.sum(), other.sum(), settledSoFar(), readFailures.sum()};
            Tally tally = new Tally();
            tally.result = Harness.run(workers, duration);
            tally.counterGrowth = hits(session, keyspace) - before;
            tally.conflicts = conflicts.sum() - counts[0];
            tally.unknown = unknown.sum() - counts[1];
            tally.exhausted = exhausted.sum() - counts[2];
            tally.other = other.sum() - counts[3];
            tally.settled = settledSoFar() - counts[4];
            tally.readFailures = readFailures.sum() - counts[5];
            long applied = tally.result.ops();
            if (settles && (tally.counterGrowth < applied || tally.counterGrowth > applied + tally.unknown)) {
                throw new IllegalStateException(String.format(Locale.ROOT, "%s: the counter grew by %d for %d applied writes and"
                        + " %d unknown outcomes", name, tally.counterGrowth, applied, tally.unknown));
            }
            return tally;
        }

        private long hits(CqlSession session, String keyspace) {
            Row row = session.execute(SimpleStatement.newInstance("SELECT hits FROM " + keyspace + "." + table() + " WHERE id = ?",
                    KEY).setConsistencyLevel(ConsistencyLevel.SERIAL)).one();
            if (row == null) throw new IllegalStateException("no hot row in " + table());
            return row.getLong(0);
        }
    }

    private static final class OptilockContender extends Contender {
        private final VersionedStore store;
        private final VersionedRepository<HotCounter, Long> counters;

        OptilockContender(VersionedStore store, VersionedRepository<HotCounter, Long> counters) {
            super("optilock-modify", true);
            this.store = store;
            this.counters = counters;
        }

        @Override
        void increment() {
            counters.modify(KEY, counter -> Changes.of("hits", counter.hits() + 1), POLICY);
        }

        @Override
        long settledSoFar() {
            return store.counters().settledOutcomes();
        }

        /** Conflicts as the store counts them (every losing attempt of every modify). */
        @Override
        Tally measure(CqlSession session, String keyspace, java.time.Duration duration) throws Exception {
            long conflictsBefore = store.counters().conflicts();
            Tally tally = super.measure(session, keyspace, duration);
            tally.conflicts = store.counters().conflicts() - conflictsBefore;
            return tally;
        }

        @Override
        String table() {
            return "hot_counter";
        }
    }

    /** The hand-written loop: a SERIAL read, a versioned LWT, the default policy's backoff between attempts. */
    private static final class RawLoop extends Contender {
        private final CqlSession session;
        private final PreparedStatement read;
        private final PreparedStatement write;

        RawLoop(CqlSession session, String keyspace) {
            super("raw-lwt-loop", false);
            this.session = session;
            this.read = session.prepare(SimpleStatement.newInstance("SELECT hits, version FROM " + keyspace
                    + ".hot_raw WHERE id = ?").setConsistencyLevel(ConsistencyLevel.SERIAL));
            this.write = session.prepare(SimpleStatement.newInstance("UPDATE " + keyspace
                            + ".hot_raw SET hits = ?, version = ? WHERE id = ? IF version = ?")
                    .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)
                    .setSerialConsistencyLevel(ConsistencyLevel.SERIAL));
        }

        @Override
        void increment() {
            for (int attempt = 1; ; attempt++) {
                Row row;
                try {
                    row = session.execute(read.bind(KEY)).one();
                } catch (RuntimeException e) {
                    // A SERIAL read is a Paxos round: under contention it times out too (as a CAS write timeout).
                    readFailures.increment();
                    throw e;
                }
                long hits = row.getLong(0);
                long version = row.getLong(1);
                boolean applied;
                try {
                    applied = session.execute(write.bind(hits + 1, version + 1, KEY, version)).wasApplied();
                } catch (WriteTimeoutException | CASWriteUnknownException | DriverTimeoutException e) {
                    throw new UnknownOutcome(e);
                }
                if (applied) return;
                conflicts.increment();
                if (attempt == POLICY.maxAttempts()) throw new Exhausted();
                LockSupport.parkNanos(POLICY.delayBeforeRetry(attempt).toNanos());
            }
        }

        @Override
        String table() {
            return "hot_raw";
        }
    }

    /** The raw loop's LWT ended without telling whether it applied. */
    private static final class UnknownOutcome extends RuntimeException {
        UnknownOutcome(Throwable cause) {
            super("outcome unknown: " + cause.getMessage(), cause, false, false);
        }
    }

    /** The raw loop's attempts all conflicted. */
    private static final class Exhausted extends RuntimeException {
        Exhausted() {
            super("attempts exhausted", null, false, false);
        }
    }
}
