package dev.optilock.benchmarks;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.optilock.StoreOptions;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedStore;
import dev.optilock.testservers.CassandraServer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scenario 2 (and the CQL half of scenario 4): Optilock's CQL backend vs the raw driver's prepared LWT, 1 and 8
 * threads, embedded Cassandra 5.0 from the test-servers module. The CQL backend is looked up at run time
 * ({@code dev.optilock.cql.CqlStores}); without it on the class path both scenarios report
 * "skipped: backend-cql not available".
 */
final class CqlScenarios {
    static final int MAX_THREADS = 8;
    private static final String STORES = "dev.optilock.cql.CqlStores";
    private static final String SINGLE_NODE = "Cassandra 5.0, one node, one CqlSession";

    private CqlScenarios() {
    }

    static String description(int threads, String where) {
        return "Uncontended versioned update (LWT), " + threads + (threads == 1 ? " thread" : " threads")
                + " each on its own " + Harness.ROWS_PER_THREAD + " rows, " + where;
    }

    /** The reason the CQL backend cannot be used, or null when it can. */
    static String unavailable() {
        try {
            Class.forName(STORES).getMethod("fromSession", CqlSession.class, String.class, StoreOptions.class);
            return null;
        } catch (ReflectiveOperationException | LinkageError e) {
            return "backend-cql not available";
        }
    }

    static List<ScenarioResult> skipped(String reason) {
        List<ScenarioResult> scenarios = new ArrayList<>();
        for (int threads : new int[] {1, MAX_THREADS}) {
            scenarios.add(ScenarioResult.skipped("cql-update-" + threads + "t", description(threads, SINGLE_NODE), reason));
        }
        return scenarios;
    }

    static List<ScenarioResult> run(Config config, List<String> versions) throws Exception {
        String reason = unavailable();
        if (reason != null) return skipped(reason);
        CassandraServer server = CassandraServer.shared();
        CountingTracker tracker = new CountingTracker();
        List<ScenarioResult> scenarios = new ArrayList<>();
        try (CqlSession session = CqlSession.builder().addContactPoints(server.contactPoints())
                .withLocalDatacenter(server.localDatacenter()).withRequestTracker(tracker).build()) {
            versions.add("Cassandra " + session.execute("SELECT release_version FROM system.local").one().getString(0)
                    + " (" + server.source() + ")");
            scenarios.addAll(updates(config, "cql-update-", SINGLE_NODE, session,
                    server.freshKeyspaceName("bench_"), 1, tracker));
        }
        return scenarios;
    }


    /**
     * The uncontended update scenarios ({@code prefix} + {@code 1t}, {@code 8t}) on {@code session}: creates
     * {@code keyspace} at {@code replicationFactor}, the raw table and Optilock's, then alternates both implementations.
     */

    static List<ScenarioResult> updates(Config config, String prefix, String where, CqlSession session, String keyspace,
            int replicationFactor, CountingTracker tracker) throws Exception {
        List<ScenarioResult> scenarios = new ArrayList<>();
        int rows = MAX_THREADS * Harness.ROWS_PER_THREAD;
        session.execute("CREATE KEYSPACE " + keyspace
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': " + replicationFactor + "}");
        session.execute("CREATE TABLE " + keyspace + ".bench_raw (id bigint PRIMARY KEY, payload text, version bigint)");
        PreparedStatement insert = session.prepare("INSERT INTO " + keyspace + ".bench_raw (id, payload, version) VALUES (?, ?, 1)");
        for (long id = 0; id < rows; id++) session.execute(insert.bind(id, "initial"));
        VersionedStore store = open(session, keyspace);
        try {
            store.createTable(Item.class);
            VersionedRepository<Item, Long> items = store.repository(Item.class, Long.class);
            for (long id = 0; id < rows; id++) items.insert(new Item(id, "initial", 0));
            store.createTable(SameCqlItem.class);
            VersionedRepository<SameCqlItem, Long> same = store.repository(SameCqlItem.class, Long.class);
            for (long id = 0; id < rows; id++) same.insert(new SameCqlItem(id, "initial", 0));
            List<Impl> impls = List.of(new OptilockImpl("optilock", store, false, false), RawLwtImpl.floor(session, keyspace),
                    RawLwtImpl.sameAsOptilock(session, keyspace));
            // A fresh Cassandra compiles its Paxos path for tens of seconds, and this JVM compiles the CQL backend's
            // code only after about 10^4 calls: at one thread (a hundred to a few hundred LWTs a second) the warm-up of
            // a scenario would reach neither, and the rounds would measure the JITs instead.
            Harness.warmServer(prefix + "server", impls, MAX_THREADS, config);
            for (int threads : new int[] {1, MAX_THREADS}) {
                String name = prefix + threads + "t";
                ScenarioResult scenario = new ScenarioResult(name, description(threads, where));
                Map<String, ImplStats> stats = Harness.alternate(name, impls, threads, config);
                scenario.results.addAll(stats.values());
                scenarios.add(scenario);
            }
            countRequests(config, impls, tracker, scenarios);
        } finally {
            store.close();
        }
        for (ScenarioResult scenario : scenarios) {
            scenario.throughputRatio("optilock", "raw-lwt");
            scenario.cpuRatio("optilock", "raw-lwt");
            scenario.throughputRatio("optilock", "raw-lwt-same-cql");
            scenario.throughputRatio("raw-lwt-same-cql", "raw-lwt");
            scenario.notes.add("statementsPerOp: requests sent to Cassandra (driver RequestTracker, node attempts) in a separate"
                    + " single-thread pass of " + Math.min(config.countOps(), 300) + " updates per implementation."
                    + " raw-lwt-same-cql is a diagnostic: the raw driver sending Optilock's own LWT.");
        }
        return scenarios;
    }

    private static void countRequests(Config config, List<Impl> impls, CountingTracker tracker, List<ScenarioResult> scenarios)
            throws Exception {
        int ops = Math.min(config.countOps(), 300);
        for (Impl impl : impls) {
            if (!config.includes(impl.name())) continue;
            Worker worker = impl.worker(0, Harness.ROWS_PER_THREAD);
            worker.prepare();
            for (int i = 0; i < 10; i++) worker.update();
            // The driver tells its trackers about a request just after completing the caller's future: let the
            // callbacks of the requests sent so far land before reading the count (and again at the end).
            long before = settledCount(tracker);
            long appliedBefore = impl.appliedByLibrary();
            tracker.recordTexts(true);
            for (int i = 0; i < ops; i++) worker.update();
            long sent = settledCount(tracker) - before;
            tracker.recordTexts(false);
            double perOp = (double) sent / ops;
            Map<String, Long> texts = tracker.texts();
            Log.info("requests per update %-10s %.3f", impl.name(), perOp);
            for (ScenarioResult scenario : scenarios) {
                ImplStats stats = scenario.get(impl.name());
                if (stats != null) stats.statementsPerOp = perOp;
                scenario.statementTexts.put(impl.name(), texts);
                if (appliedBefore >= 0) {
                    long applied = impl.appliedByLibrary() - appliedBefore;
                    scenario.notes.add(String.format(java.util.Locale.ROOT, "%s: store counters: %d applied of %d calls, %.3f"
                            + " requests per applied write", impl.name(), applied, ops, (double) sent / applied));
                }
            }
        }
    }

    /** The tracker's count once it has stopped changing (no request is in flight between measured operations). */
    private static long settledCount(CountingTracker tracker) throws InterruptedException {
        long count = tracker.sent();
        while (true) {
            Thread.sleep(100);
            long now = tracker.sent();
            if (now == count) return now;
            count = now;
        }
    }

    static VersionedStore open(CqlSession session, String keyspace) throws ReflectiveOperationException {
        Method fromSession = Class.forName(STORES).getMethod("fromSession", CqlSession.class, String.class, StoreOptions.class);
        try {
            return (VersionedStore) fromSession.invoke(null, session, keyspace,
                    StoreOptions.defaults());
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) throw runtime;
            throw e;
        }
    }
}
