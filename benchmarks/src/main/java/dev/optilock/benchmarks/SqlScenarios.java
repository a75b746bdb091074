package dev.optilock.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.StoreOptions;
import dev.optilock.VersionedStore;
import dev.optilock.sql.SqlFlavor;
import dev.optilock.sql.SqlStores;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** Scenario 1 (and the SQL half of scenario 4): uncontended versioned updates on PostgreSQL, 1 and 8 threads. */
final class SqlScenarios {
    static final int MAX_THREADS = 8;

    private SqlScenarios() {
    }

    /** The implementations, in the order the report lists them, built on {@code pool}. */
    private static List<Impl> implementations(DataSource pool, SqlDatabase database) {
        VersionedStore store = SqlStores.fromDataSource(pool, SqlFlavor.POSTGRESQL, StoreOptions.defaults());
        List<Impl> impls = new ArrayList<>();
        impls.add(new OptilockImpl("optilock", store, true, true));
        impls.add(new RawJdbcImpl(pool));
        impls.add(RawJdbcImpl.control(pool));
        impls.add(new JooqImpl(pool));
        impls.add(new HibernateImpl(pool));
        impls.add(new OptilockModifyImpl(store));
        impls.add(new RawJdbcSameSqlImpl(pool));
        // The same updates with writeStatement=reporting (one data-modifying CTE that reports the row it met), in a schema
        // of its own: the statement the default replaced, measured beside it.
        VersionedStore reporting = SqlStores.fromDataSource(pool, SqlFlavor.POSTGRESQL, database.reportingStoreOptions());
        impls.add(new OptilockImpl("optilock-reporting", reporting, true, true));
        // The same updates without write identities, on a table without the hidden columns: what the guarantees that
        // need them (settled unknown outcomes, versions that never repeat across delete and re-insert) cost.
        VersionedStore withoutIdentities = SqlStores.fromDataSource(pool, SqlFlavor.POSTGRESQL,
                database.withoutIdentitiesStoreOptions());
        impls.add(new OptilockImpl("optilock-no-identities", withoutIdentities, true, true));
        return impls;
    }

    static List<ScenarioResult> run(Config config, SqlDatabase database) throws Exception {
        List<ScenarioResult> scenarios = new ArrayList<>();
        try (HikariDataSource pool = database.pool("bench", MAX_THREADS)) {
            List<Impl> impls = implementations(pool, database);
            Optional<CpuPinning> pinning = config.pinned() ? database.cpuPinning() : Optional.empty();
            try {
                for (int threads : new int[] {1, MAX_THREADS}) {
                    String name = "sql-update-" + threads + "t";
                    ScenarioResult scenario = new ScenarioResult(name, "Uncontended versioned update, " + threads
                            + (threads == 1 ? " thread" : " threads") + " each on its own " + Harness.ROWS_PER_THREAD
                            + " rows, PostgreSQL, one HikariCP pool of " + MAX_THREADS + " connections");
                    database.vacuum();
                    Map<String, ImplStats> stats = threads == 1 && pinning.isPresent()
                            ? pinned(pinning.get(), name, impls, config, scenario)
                            : Harness.alternate(name, impls, threads, config);
                    database.logTableStatistics("after " + name);
                    SqlDatabase.logPreparedPlans(pool, MAX_THREADS, "after " + name);
                    scenario.results.addAll(stats.values());
                    scenarios.add(scenario);
                }
            } finally {
                closeAll(impls);
            }
        }
        countStatements(config, database, scenarios);
        for (ScenarioResult scenario : scenarios) {
            scenario.throughputRatio("optilock", "raw-jdbc");
            scenario.cpuRatio("optilock", "raw-jdbc");
            scenario.throughputRatio("optilock", "jooq");
            scenario.cpuRatio("optilock", "jooq");
            scenario.throughputRatio("optilock", "hibernate");
            scenario.throughputRatio("optilock-modify", "hibernate");
            scenario.throughputRatio("optilock", "raw-jdbc-same-sql");
            scenario.throughputRatio("raw-jdbc-same-sql", "raw-jdbc");
            scenario.throughputRatio("raw-jdbc-control", "raw-jdbc");
            scenario.throughputRatio("optilock", "optilock-reporting");
            scenario.throughputRatio("optilock-no-identities", "raw-jdbc");
            scenario.cpuRatio("optilock-no-identities", "raw-jdbc");
            scenario.throughputRatio("optilock", "optilock-no-identities");
            scenario.notes.add("optilock-modify (read, then versioned write) is the like-for-like of Hibernate's find-modify-commit;"
                    + " raw-jdbc-same-sql is a diagnostic: hand-written JDBC sending Optilock's own statement; raw-jdbc-control is"
                    + " hand-written JDBC again, on the same rows: raw-jdbc-control/raw-jdbc is this run's noise floor. Every"
                    + " implementation but the two diagnostics in schemas of their own writes the same rows of " + SqlDatabase.ITEM_TABLE
                    + ", each worker reading its rows' versions before each run.");
            scenario.notes.add("statementsPerOp: a separate single-thread pass of " + config.countOps() + " updates per implementation"
                    + " through a counting DataSource under the pool (execute* calls + COMMIT/ROLLBACK; BEGIN rides along with the"
                    + " first statement and is not a round trip of its own). bytesPerOp: heap allocated by the worker threads and"
                    + " every other live thread during the timed runs, per operation.");
        }
        return scenarios;
    }

    /** The 1-thread scenario with the client thread and the server's processes on CPUs of their own. */
    private static Map<String, ImplStats> pinned(CpuPinning pinning, String name, List<Impl> impls, Config config,
            ScenarioResult scenario) throws Exception {
        pinning.pinServer();
        try {
            Map<String, ImplStats> stats = Harness.alternate(name, impls, 1, config, pinning::pinCurrentThread);
            scenario.notes.add("Placement: " + pinning.describe() + ".");
            return stats;
        } finally {
            pinning.releaseServer();
        }
    }

    /** Scenario 4: statements per applied write, through a counting data source (a separate, untimed pass). */
    private static void countStatements(Config config, SqlDatabase database, List<ScenarioResult> scenarios) throws Exception {
        CountingDataSource counting = new CountingDataSource(database.simpleDataSource());
        try (HikariDataSource pool = database.countingPool("bench-counting", 2, counting)) {
            List<Impl> impls = implementations(pool, database);
            try {
                for (Impl impl : impls) {
                    if (!config.includes(impl.name())) continue;
                    Worker worker = impl.worker(0, Harness.ROWS_PER_THREAD);
                    worker.prepare();
                    for (int i = 0; i < 20; i++) worker.update();
                    counting.reset();
                    long appliedBefore = impl.appliedByLibrary();
                    for (int i = 0; i < config.countOps(); i++) worker.update();
                    double perOp = (double) counting.statements() / config.countOps();
                    Map<String, Long> texts = counting.texts();
                    String libraryCount = "";
                    if (appliedBefore >= 0) {
                        long applied = impl.appliedByLibrary() - appliedBefore;
                        libraryCount = String.format(java.util.Locale.ROOT, "; store counters: %d applied of %d calls, %.3f statements"
                                + " per applied write", applied, config.countOps(), (double) counting.statements() / applied);
                    }
                    Log.info("statements per update %-18s %.3f%s", impl.name(), perOp, libraryCount);
                    for (ScenarioResult scenario : scenarios) {
                        ImplStats stats = scenario.get(impl.name());
                        if (stats != null) stats.statementsPerOp = perOp;
                        scenario.statementTexts.put(impl.name(), texts);
                        if (!libraryCount.isEmpty()) scenario.notes.add(impl.name() + libraryCount.replaceFirst(";", ":"));
                    }
                }
            } finally {
                closeAll(impls);
            }
        }
    }

    static void closeAll(List<? extends AutoCloseable> closeables) {
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                Log.info("closing %s failed: %s", closeable, e);
            }
        }
    }
}
