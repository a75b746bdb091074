package dev.optilock.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Runs the benchmarks (issues 7 and 13) and writes {@code results.json}, {@code results.md} and {@code ratios.svg}.
 * Started by {@code benchmarks/run}; arguments: {@code [--quick] [--out DIR] [--only sql-update,cql-update,hot-key,cluster]}.
 */
public final class BenchmarkMain {
    private static final List<String> ORDER = List.of("sql-update-1t", "sql-update-8t", "cql-update-1t", "cql-update-8t",
            "hot-key-sql", "cluster-update-1t", "cluster-update-8t", ClusterHotKeyScenario.NAME);

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        System.setProperty("org.jboss.logging.provider", "slf4j");
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        Config config = Config.parse(args);
        String command = System.getProperty("bench.command", "java dev.optilock.benchmarks.BenchmarkMain " + String.join(" ", args));
        String date = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        long started = System.nanoTime();
        Log.info("Optilock benchmarks, %s", config.describe());
        List<String> servers = new ArrayList<>();
        List<ScenarioResult> scenarios = new ArrayList<>();
        boolean failed = false;
        if (config.runs("sql-update") || config.runs("hot-key")) {
            SqlDatabase database = SqlDatabase.start(SqlScenarios.MAX_THREADS * Harness.ROWS_PER_THREAD);
            servers.add(database.version());
            Log.info("%s ready", servers.get(servers.size() - 1));
            if (config.runs("sql-update")) scenarios.addAll(SqlScenarios.run(config, database));
            if (config.runs("hot-key")) scenarios.add(HotKeyScenario.run(config, database));
        }
        if (config.runsCluster()) {
            // Before the single node starts, and stopped after its scenarios: the two never compete for the 2 cores.
            failed |= !runGuarded("cluster", () -> ClusterScenarios.run(config, servers), ClusterScenarios.skipped("x"), scenarios);
        }
        if (config.runs("cql-update")) {
            failed |= !runGuarded("CQL", () -> CqlScenarios.run(config, servers), CqlScenarios.skipped("x"), scenarios);
        }
        scenarios.sort(Comparator.comparingInt(scenario -> ORDER.indexOf(scenario.name)));
        String machine = machine() + (servers.isEmpty() ? "" : "; " + String.join("; ", servers));
        Report report = new Report(date, machine, command, config, scenarios);
        report.write(config.out());
        Log.info("done in %.0f s; wrote %s/results.json, results.md, ratios.svg", (System.nanoTime() - started) / 1e9, config.out());
        for (Target target : report.targets()) {
            Log.info("target %-14s %-55s %-6s %-12s %s", target.scenario(), target.what(), target.goal(), target.measured(),
                    target.verdict("met", "MISSED"));
        }
        System.out.flush();
        // Embedded servers are stopped by their shutdown hooks; exit also ends the driver's and pools' threads.
        System.exit(failed ? 2 : 0);
    }

    /**
     * Runs a group of scenarios that needs a server of its own; when it fails, its scenarios are reported as failed
     * (from {@code notRun}) and the other groups still run. Returns whether it succeeded.
     */
    private static boolean runGuarded(String what, Callable<List<ScenarioResult>> run, List<ScenarioResult> notRun,
            List<ScenarioResult> scenarios) {
        try {
            scenarios.addAll(run.call());
            return true;
        } catch (Exception | LinkageError e) {
            Log.info("%s scenarios failed: %s", what, e);
            e.printStackTrace();
            for (ScenarioResult scenario : notRun) {
                scenario.status = "failed: " + e;
                scenarios.add(scenario);
            }
            return false;
        }
    }

    /** CPU model, cores, memory, OS and JVM. */
    static String machine() {
        String cpu = "unknown CPU";
        String memory = "";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim().replaceAll("\\s+", " ");
                    break;
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal")) {
                    long kib = Long.parseLong(line.replaceAll("\\D", ""));
                    memory = String.format(Locale.ROOT, ", %.0f GiB RAM", kib / 1024.0 / 1024.0);
                    break;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux: leave it out
        }
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores" + memory + ", " + System.getProperty("os.name")
                + " " + System.getProperty("os.version") + ", " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version") + " (-Xmx" + Runtime.getRuntime().maxMemory() / (1024 * 1024) + "m)";
    }
}
