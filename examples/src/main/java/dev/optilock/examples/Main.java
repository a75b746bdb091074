package dev.optilock.examples;

import dev.optilock.VersionedStore;
import dev.optilock.examples.registry.Registry;
import dev.optilock.examples.registry.RegistryServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar optilock-examples.jar [race|serve|--help] [options]}: the race demo and the registry HTTP API.
 * {@link #run} returns the exit status instead of exiting, so tests can run the commands in-process. Its length is
 * the two commands' options and help text.
 */
public final class Main {
    static final String USAGE = """
            Optilock examples: the race demo and the user registry HTTP API.

            usage: java -jar examples/target/optilock-examples.jar [race|serve|--help] [options]

              race     a user registry under attack, with real threads: 4 acts, a summary table, and a last line
                       RESULT backend=.. registered=.. clones_rejected=.. profile_updates=.. lost_updates=.. conflicts=.. retries=.. elapsed_ms=..
                       Exit status 0 only when every invariant held. (The default command.)
              serve    the registry HTTP API (POST/GET /api/users, PUT /api/profiles/{user_id}, DELETE /api/users/{username})

            options:
              --backend postgres|h2|cassandra|cassandra-cluster|memory
                                 an embedded database, started and stopped by this process (default postgres:
                                 embedded PostgreSQL 17, or the server in OPTILOCK_TEST_POSTGRES_URL when set;
                                 cassandra: Cassandra 5.0 in a child JVM, or OPTILOCK_TEST_CASSANDRA_CONTACT_POINTS;
                                 cassandra-cluster: 3 nodes on 127.0.0.1-3 at replication factor 3, or
                                 OPTILOCK_TEST_CASSANDRA_CLUSTER_CONTACT_POINTS; not part of --all)
              --url URL          an existing database instead: jdbc:postgresql://HOST:PORT/DB, jdbc:h2:mem:NAME;DB_CLOSE_DELAY=-1,
                                 cql://HOST:PORT/KEYSPACE?localDatacenter=DC, optilock:mem:NAME
              --user NAME, --password PW
                                 credentials for --url (default: OPTILOCK_USER, OPTILOCK_PASSWORD)
              --count N          race: heroes to register (default 40)
              --threads N        race: worker threads (default 16)
              --all              race: run on every embedded backend in this build, side by side; outcomes must match
              --port N           serve: port (default OPTILOCK_PORT, else 8080; 0 picks a free port)
              --host HOST        serve: address to bind (default OPTILOCK_HOST, else 127.0.0.1)
              -h, --help         this help

            serve also reads OPTILOCK_URL (an existing database) and OPTILOCK_BACKEND; flags win over the environment.
            Embedded servers are stopped when the command exits, also on Ctrl-C.
            """;

    private Main() {
    }

    public static void main(String[] args) {
        quietLogging();
        int status = run(args, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /** Runs a command; returns the exit status (0 ok, 1 an invariant failed or an error, 2 bad usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (UsageException bad) {
            err.println("error: " + bad.getMessage());
            err.println("Run with --help for the options.");
            return 2;
        }
        try {
            switch (options.command) {
                case "help":
                    out.print(USAGE);
                    return 0;
                case "race":
                    return options.all ? raceAll(options, out, err) : race(options, out, err);
                case "serve":
                    try (Serve serve = startServe(options, out)) {
                        serve.awaitShutdown();
                    }
                    return 0;
                default:
                    throw new AssertionError(options.command);
            }
        } catch (UsageException bad) {
            err.println();
            err.println("error: " + bad.getMessage());
            return 2;
        } catch (RuntimeException failed) {
            err.println();
            err.println("error: " + failed);
            failed.printStackTrace(err);
            return 1;
        }
    }

    // ---- race ----

    private static int race(Options options, PrintStream out, PrintStream err) {
        RaceDemo.Settings settings = RaceDemo.Settings.of(options.count, options.threads);
        Interruption interruption = new Interruption(err);
        try {
            Target target = target(options, "race", out);
            RaceReport report;
            try (VersionedStore store = target.open()) {
                report = RaceDemo.run(target, store, settings, out, Progress.terminal());
            }
            out.println(report.resultLine());
            out.flush();
            return report.allHeld() ? 0 : 1;
        } finally {
            interruption.close();
        }
    }

    /** Tells the user, on Ctrl-C, that the embedded servers are being stopped (their own shutdown hooks do it). */
    private static final class Interruption implements AutoCloseable {
        private final Thread hook;

        Interruption(PrintStream err) {
            hook = new Thread(() -> {
                err.println();
                err.println("interrupted: stopping the embedded databases this run started");
                err.flush();
            }, "race-interrupted");
            Runtime.getRuntime().addShutdownHook(hook);
        }

        @Override
        public void close() {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs
            }
        }
    }

    private static int raceAll(Options options, PrintStream out, PrintStream err) {
        if (options.url != null) throw new UsageException("--all runs on the embedded backends; it does not take --url");
        RaceDemo.Settings settings = RaceDemo.Settings.of(options.count, options.threads);
        List<RaceReport> reports = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String backend : Targets.EMBEDDED) {
            if (!Targets.available(backend)) {
                skipped.add(backend + " (not in this build: needs " + Targets.artifact(backend) + ")");
                continue;
            }
            Target target;
            try {
                target = target(backend, "race", out);
            } catch (UsageException cannotStart) {
                skipped.add(backend + " (" + cannotStart.getMessage() + ")");
                continue;
            }
            Interruption interruption = new Interruption(err);
            try (VersionedStore store = target.open()) {
                reports.add(RaceDemo.run(target, store, settings, out, Progress.terminal()));
            } finally {
                interruption.close();
            }
            out.println();
        }
        if (reports.isEmpty()) throw new UsageException("no embedded backend could run: " + skipped);

        // Side by side: outcomes must match, measurements may differ.
        Set<String> outcomeNames = new LinkedHashSet<>();
        Set<String> measurementNames = new LinkedHashSet<>();
        for (RaceReport report : reports) {
            outcomeNames.addAll(report.outcomes.keySet());
            measurementNames.addAll(report.measurements.keySet());
        }
        int nameWidth = "invariants held".length();
        for (String name : outcomeNames) nameWidth = Math.max(nameWidth, name.length());
        for (String name : measurementNames) nameWidth = Math.max(nameWidth, name.length());
        StringBuilder header = new StringBuilder("  " + pad("", nameWidth));
        for (RaceReport report : reports) header.append(String.format(Locale.ROOT, " %10s", report.backend));
        out.println("Side by side (" + settings.count() + " heroes, " + settings.threads() + " threads):");
        out.println(header);
        List<String> mismatches = new ArrayList<>();
        for (String name : outcomeNames) {
            StringBuilder line = new StringBuilder("  " + pad(name, nameWidth));
            Set<Long> values = new LinkedHashSet<>();
            for (RaceReport report : reports) {
                Long value = report.outcomes.get(name);
                values.add(value);
                line.append(String.format(Locale.ROOT, " %10s", value));
            }
            if (values.size() > 1) {
                mismatches.add(name);
                line.append("   <- MISMATCH");
            }
            out.println(line);
        }
        StringBuilder held = new StringBuilder("  " + pad("invariants held", nameWidth));
        for (RaceReport report : reports) held.append(String.format(Locale.ROOT, " %10s", report.allHeld() ? "all" : "NO"));
        out.println(held);
        out.println("  " + "-".repeat(nameWidth) + "  (timing-dependent, not compared)");
        for (String name : measurementNames) {
            StringBuilder line = new StringBuilder("  " + pad(name, nameWidth));
            for (RaceReport report : reports) line.append(String.format(Locale.ROOT, " %10s", report.measurements.get(name)));
            out.println(line);
        }
        StringBuilder elapsed = new StringBuilder("  " + pad("elapsed_ms", nameWidth));
        for (RaceReport report : reports) elapsed.append(String.format(Locale.ROOT, " %10d", report.elapsedMillis));
        out.println(elapsed);
        out.println();
        for (String skip : skipped) out.println("  skipped " + skip);
        boolean allHeld = reports.stream().allMatch(RaceReport::allHeld);
        out.println("  " + (mismatches.isEmpty() ? "Outcomes match on " + reports.size() + " backends"
                : "Outcomes DIFFER: " + mismatches) + "; invariants " + (allHeld ? "held everywhere." : "FAILED somewhere."));
        for (RaceReport report : reports) out.println(report.resultLine());
        out.flush();
        return allHeld && mismatches.isEmpty() ? 0 : 1;
    }

    // ---- serve ----

    /** A running {@code serve}: the HTTP server, its store, and (maybe) an embedded database. */
    public static final class Serve implements AutoCloseable {
        private final RegistryServer server;
        private final VersionedStore store;
        private final Target target;
        private final CountDownLatch stopped = new CountDownLatch(1);
        private final Thread hook;

        Serve(RegistryServer server, VersionedStore store, Target target) {
            this.server = server;
            this.store = store;
            this.target = target;
            this.hook = new Thread(this::stop, "registry-stop");
            Runtime.getRuntime().addShutdownHook(hook);
        }

        public int port() {
            return server.port();
        }

        public Target target() {
            return target;
        }

        void awaitShutdown() {
            try {
                stopped.await();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        private void stop() {
            if (stopped.getCount() == 0) return;
            server.close();
            store.close();
            stopped.countDown();
        }

        @Override
        public void close() {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or will run
            }
            stop();
        }
    }

    /** Starts {@code serve} with these arguments and returns at once (for tests and embedding). */
    public static Serve startServe(String... args) {
        Options options = Options.parse(args);
        if (!options.command.equals("serve")) throw new UsageException("not a serve command: " + List.of(args));
        return startServe(options, new PrintStream(PrintStream.nullOutputStream()));
    }

    private static Serve startServe(Options options, PrintStream out) {
        String envUrl = Targets.env("OPTILOCK_URL");
        if (options.url == null && !options.backendGiven && envUrl != null) options.url = envUrl;
        if (!options.backendGiven && Targets.env("OPTILOCK_BACKEND") != null) options.backend = Targets.env("OPTILOCK_BACKEND");
        int port = options.port != null ? options.port : parsePort(Targets.env("OPTILOCK_PORT") == null ? "8080" : Targets.env("OPTILOCK_PORT"), "OPTILOCK_PORT");
        String host = options.host != null ? options.host : Targets.env("OPTILOCK_HOST") == null ? "127.0.0.1" : Targets.env("OPTILOCK_HOST");
        Target target = target(options, "serve", out);
        VersionedStore store = target.open();
        RegistryServer server;
        try {
            Registry registry = new Registry(store);
            server = RegistryServer.start(registry, new InetSocketAddress(host, port));
        } catch (IOException cannotBind) {
            store.close();
            throw new UsageException("cannot listen on " + host + ":" + port + ": " + cannotBind.getMessage()
                    + " (pick another with --port or OPTILOCK_PORT)", cannotBind);
        } catch (RuntimeException failed) {
            store.close();
            throw failed;
        }
        Serve serve = new Serve(server, store, target);
        String base = "http://" + (host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":" + serve.port();
        out.println("Optilock user registry on " + base + "  (backend " + target.id() + ": " + target.description() + ")");
        out.println("  curl -X POST '" + base + "/api/users?username=Agent-Cipher-007&email=cipher@registry.galaxy&display_name=Agent+Cipher&dimension=Dimension-6'");
        out.println("  curl '" + base + "/api/users?dimension=Dimension-6'");
        out.println("  curl -X PUT '" + base + "/api/profiles/<user_id>?bio=Counter-clone+specialist&expected_version=1'");
        out.println("  curl -X DELETE '" + base + "/api/users/Agent-Cipher-007'");
        out.println("Ctrl-C stops it" + (target.fresh() && !target.id().equals("memory") && !target.id().equals("h2")
                ? " and the embedded database." : "."));
        out.flush();
        return serve;
    }

    // ---- targets ----

    private static Target target(Options options, String purpose, PrintStream out) {
        if (options.url != null) return Targets.fromUrl(options.url, options.user, options.password);
        return target(options.backend, purpose, out);
    }

    private static Target target(String backend, String purpose, PrintStream out) {
        Targets.requireAvailable(backend);
        if (backend.equals("postgres") && Targets.env("OPTILOCK_TEST_POSTGRES_URL") == null) {
            out.println("Starting embedded PostgreSQL 17 (a few seconds; stopped on exit)...");
        } else if (backend.equals("cassandra") && Targets.env("OPTILOCK_TEST_CASSANDRA_CONTACT_POINTS") == null) {
            out.println("Starting embedded Cassandra 5.0 in a child JVM (about 10 s; stopped on exit)...");
        } else if (backend.equals("cassandra-cluster") && Targets.env("OPTILOCK_TEST_CASSANDRA_CLUSTER_CONTACT_POINTS") == null) {
            out.println("Starting an embedded 3-node Cassandra 5.0 cluster on 127.0.0.1-3 (about 40 s; stopped on exit)...");
        }
        out.flush();
        return Targets.embedded(backend, purpose);
    }

    // ---- options ----

    static final class Options {
        String command = "race";
        String backend = "postgres";
        boolean backendGiven;
        String url;
        String user;
        String password;
        int count = 40;
        int threads = 16;
        boolean all;
        Integer port;
        String host;

        static Options parse(String[] args) {
            Options options = new Options();
            List<String> rest = new ArrayList<>();
            Map<String, String> seen = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("-h") || arg.equals("--help") || arg.equals("help")) {
                    options.command = "help";
                    return options;
                }
                if (!arg.startsWith("--")) {
                    rest.add(arg);
                    continue;
                }
                String name = arg;
                String value = null;
                int equals = arg.indexOf('=');
                if (equals > 0) {
                    name = arg.substring(0, equals);
                    value = arg.substring(equals + 1);
                }
                if (name.equals("--all")) {
                    if (value != null) throw new UsageException("--all takes no value");
                    options.all = true;
                    continue;
                }
                if (value == null) {
                    if (i + 1 >= args.length) throw new UsageException(name + " needs a value");
                    value = args[++i];
                }
                if (seen.put(name, value) != null) throw new UsageException(name + " is given twice");
                switch (name) {
                    case "--backend" -> {
                        String backend = value.toLowerCase(Locale.ROOT);
                        if (backend.equals("postgresql")) backend = "postgres";
                        if (!Targets.EMBEDDED.contains(backend) && !backend.equals(Targets.CLUSTER)) {
                            throw new UsageException("--backend must be one of " + String.join(", ", Targets.EMBEDDED) + ", "
                                    + Targets.CLUSTER + ", was '" + value + "'");
                        }
                        options.backend = backend;
                        options.backendGiven = true;
                    }
                    case "--url" -> options.url = value;
                    case "--user" -> options.user = value;
                    case "--password" -> options.password = value;
                    case "--count" -> options.count = positive(name, value, 1, 100_000);
                    case "--threads" -> options.threads = positive(name, value, 2, 512);
                    case "--port" -> options.port = parsePort(value, name);
                    case "--host" -> options.host = value;
                    default -> throw new UsageException("unknown option " + name);
                }
            }
            if (rest.size() > 1) throw new UsageException("one command at a time, got " + rest);
            if (!rest.isEmpty()) {
                String command = rest.get(0);
                if (!command.equals("race") && !command.equals("serve")) {
                    throw new UsageException("unknown command '" + command + "': use race, serve or --help");
                }
                options.command = command;
            }
            if (options.url != null && options.backendGiven) throw new UsageException("give --backend or --url, not both");
            if (options.all && !options.command.equals("race")) throw new UsageException("--all is for race");
            return options;
        }
    }

    private static int positive(String name, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) throw new NumberFormatException();
            return parsed;
        } catch (NumberFormatException bad) {
            throw new UsageException(name + " must be a whole number from " + min + " to " + max + ", was '" + value + "'");
        }
    }

    private static int parsePort(String value, String name) {
        return positive(name, value, 0, 65535);
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    /** Keeps the demo's output to the demo: libraries log warnings and errors only. */
    static void quietLogging() {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    }
}
