package dev.optilock.testservers;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;

import dev.optilock.testservers.internal.CassandraChildMain;

/**
 * Cassandra (org.apache.cassandra:cassandra-all) in a forked child JVM whose classpath (resolved at build time into the
 * resource {@value #CLASSPATH_RESOURCE}) never touches the current JVM's classpath: a single test server, or one
 * node of a {@link CassandraCluster}. Longer than most files because the life of that one child process
 * (configuration, ports, start, readiness, faults, death with the parent) is one job.
 */
final class EmbeddedCassandra {

    static final String DATACENTER = "datacenter1";
    static final String CLASSPATH_RESOURCE = "cassandra-classpath.txt";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedCassandra.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    private static final int MAX_ATTEMPTS = 3;
    private static final int LOG_TAIL_LINES = 80;
    private static final String LOG_FILE = "output.log";

    /** Heap and collector of a single server, and of each node of a cluster (three must fit beside the tests). */
    private static final List<String> SINGLE_NODE_HEAP = List.of("-Xms256m", "-Xmx1g", "-XX:+UseG1GC");
    private static final List<String> CLUSTER_NODE_HEAP = List.of("-Xms256m", "-Xmx768m", "-XX:+UseSerialGC");
    private static final List<String> JVM_OPTIONS = List.of(
            "-Xss256k", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError",
            "-Djava.net.preferIPv4Stack=true",
            "-Djdk.attach.allowAttachSelf=true",
            "-Dio.netty.tryReflectionSetAccessible=true",
            // from Cassandra 5.0's conf/jvm17-server.options
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
            "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
            "--add-exports", "java.base/java.lang.ref=ALL-UNNAMED",
            "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-exports", "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports", "jdk.attach/sun.tools.attach=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.io=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens", "jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED");

    private static Boolean setprivWorks;

    /**
     * Where one node listens and how it joins.
     *
     * @param address the node's loopback address (listen, RPC and broadcast)
     * @param seed the storage address of the seed node
     * @param clusterNode whether the node is one of several: eight tokens allocated for replication factor 3
     *        (an even ring) and a smaller heap; otherwise one token and the single-server heap
     * @param ringDelay Cassandra's {@code ring_delay_ms}: how long a joining node gossips before it checks that it has
     *        heard from a seed ("Unable to contact any seeds" when not); a busy machine needs more of it
     */
    record Node(String address, int storagePort, int nativePort, String seed, boolean clusterNode, Duration ringDelay) {
    }

    /** The ring delay of a single server, which is its own seed and never bootstraps. */
    static final Duration SINGLE_SERVER_RING_DELAY = Duration.ofSeconds(1);

    private final Node node;
    private final Path directory;
    private final List<String> command;
    private final Thread shutdownHook;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile Process process;
    private volatile boolean paused;
    private long cqlPortOpenNanos;

    private EmbeddedCassandra(Node node, Path directory, List<String> command) {
        this.node = node;
        this.directory = directory;
        this.command = command;
        this.shutdownHook = new Thread(this::stop, "optilock-cassandra-stop");
    }

    InetSocketAddress contactPoint() {
        return new InetSocketAddress(node.address(), node.nativePort());
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Starts a single server and waits until it answers CQL; retries with other ports if one was taken meanwhile. */
    static EmbeddedCassandra start() {
        for (int attempt = 1; ; attempt++) {
            int storagePort = Support.freePort();
            int nativePort;
            do {
                nativePort = Support.freePort();
            } while (nativePort == storagePort);
            long startNanos = System.nanoTime();
            EmbeddedCassandra server = launch(new Node("127.0.0.1", storagePort, nativePort, "127.0.0.1", false,
                    SINGLE_SERVER_RING_DELAY));
            try {
                String version = server.awaitReady(startNanos);
                LOG.info("Embedded Cassandra {} ready: pid {}, CQL on {}, directory {} (startup {}, CQL port open after {})",
                        version, server.pid(), server.contactPoint(), server.directory,
                        Support.seconds(System.nanoTime() - startNanos),
                        Support.seconds(server.cqlPortOpenNanos - startNanos));
                return server;
            } catch (StartupFailure e) {
                server.stop();
                if (e.portClash && attempt < MAX_ATTEMPTS) {
                    LOG.warn("Embedded Cassandra could not bind its ports (attempt {}), retrying", attempt);
                    continue;
                }
                throw new IllegalStateException(e.getMessage(), e.getCause());
            } catch (RuntimeException | Error e) {
                server.stop();
                throw e;
            }
        }
    }

    /**
     * Starts one node of a cluster and waits until it answers CQL, or fails with the end of its log. The caller
     * retries a failed join (see {@link CassandraCluster}).
     */
    static EmbeddedCassandra startNode(Node node) {
        long startNanos = System.nanoTime();
        EmbeddedCassandra server = launch(node);
        try {
            String version = server.awaitReady(startNanos);
            LOG.info("Cassandra {} node {} ready: pid {}, startup {}", version, node.address(), server.pid(),
                    Support.seconds(System.nanoTime() - startNanos));
            return server;
        } catch (StartupFailure e) {
            server.stop();
            throw new IllegalStateException(e.getMessage(), e.getCause());
        } catch (RuntimeException | Error e) {
            server.stop();
            throw e;
        }
    }

    /**
     * Kills the node's JVM at once ({@code kill -9}); its data stays for {@link #restart}. Sent with {@code kill}, not
     * {@link Process#destroyForcibly()}, which also closes the child's stdin: the child could see that end of file
     * before the signal lands and delete its data.
     */
    void kill() {
        signal("KILL");
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops the node gracefully (SIGTERM, then SIGKILL after a while); its data stays for {@link #restart}. The signal
     * is sent with {@code kill}, not {@link Process#destroy()}: that also closes the child's stdin, and the child takes
     * the end of its stdin for the death of this JVM and deletes its data.
     */
    void stopKeepingData() {
        signal("TERM");
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Freezes the node's JVM ({@code SIGSTOP}): it holds its sockets but answers nothing until {@link #resume}. Returns
     * once every thread of the JVM has stopped, where {@code /proc} shows it: {@code kill} returns when the signal is
     * sent, and on a busy machine the threads stop a little later (a test then read the node as still running).
     */
    void pause() {
        if (!process.isAlive()) throw new IllegalStateException("node " + node.address() + " is not running");
        paused = true; // before the signal: stop() then resumes the node whatever became of this call
        signal("STOP");
        awaitStopped();
    }

    /** Waits, up to 10 s and without giving way to an interrupt (kept for the caller), until every thread is stopped. */
    private void awaitStopped() {
        Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
        if (!Files.isDirectory(tasks)) return; // no /proc here: the signal was sent, which is all that can be known
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            while (!allStopped(tasks)) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("node " + node.address() + " did not stop within 10 s of SIGSTOP");
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** Whether every thread under {@code tasks} ({@code /proc/PID/task}) is stopped (state T or t), or the process is gone. */
    private boolean allStopped(Path tasks) {
        if (!process.isAlive()) return true;
        try (var threads = Files.list(tasks)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                char state = ProcessState.of(thread.resolve("stat"));
                if (state != 'T' && state != 't' && state != ProcessState.GONE) return false;
            }
            return true;
        } catch (IOException | UncheckedIOException e) {
            return !process.isAlive();
        }
    }

    /** Lets a paused node run again ({@code SIGCONT}). */
    void resume() {
        signal("CONT");
        paused = false;
    }

    /** Starts a stopped or killed node again on its data, and waits until it answers CQL. */
    void restart() {
        if (process.isAlive()) throw new IllegalStateException("node " + node.address() + " is running; stop or kill it first");
        long startNanos = System.nanoTime();
        process = spawn(command, directory);
        try {
            awaitReady(startNanos);
            LOG.info("Cassandra node {} restarted: pid {}, startup {}", node.address(), pid(),
                    Support.seconds(System.nanoTime() - startNanos));
        } catch (StartupFailure e) {
            throw new IllegalStateException(e.getMessage(), e.getCause());
        }
    }

    /**
     * Sends {@code SIG<name>} with {@code kill} and waits for it without giving way to an interrupt: once {@code kill}
     * has started, the signal lands anyway, and a caller interrupted meanwhile (a test stopping its pauser) must not be
     * told it failed, or leave a node frozen that it believes running. The interrupt is kept for the caller.
     */
    private void signal(String name) {
        if (!process.isAlive()) throw new IllegalStateException("node " + node.address() + " is not running");
        Process kill;
        try {
            kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send SIG" + name + " to node " + node.address(), e);
        }
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            while (true) {
                try {
                    if (!kill.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                        kill.destroyForcibly();
                        throw new IllegalStateException("kill -" + name + " " + process.pid() + " did not end within 10 s");
                    }
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
        if (kill.exitValue() != 0) throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
    }

    /** Stops the child: close its stdin (it halts), then SIGTERM, then SIGKILL; deletes its directory. */
    void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | SecurityException e) {
            // JVM shutdown in progress: we may be running in that hook
        }
        if (paused && process.isAlive()) {
            try {
                resume(); // a frozen JVM cannot see its stdin close
            } catch (RuntimeException e) {
                LOG.debug("could not resume node {} before stopping it", node.address(), e);
            }
        }
        try {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                // already closed
            }
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        if (!Support.deleteRecursively(directory)) {
            LOG.warn("could not delete {}", directory);
        }
    }

    private static EmbeddedCassandra launch(Node node) {
        Path directory;
        try {
            directory = Files.createTempDirectory("optilock-cassandra-");
            writeConfiguration(directory, node);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Cassandra directory", e);
        }

        List<String> command = new ArrayList<>();
        if (setprivWorks()) {
            // without CAP_IPC_LOCK, JNA's mlockall fails and the heap is not locked in memory (RSS ~600 -> ~380 MB)
            command.addAll(List.of("setpriv", "--bounding-set", "-ipc_lock"));
        }
        command.add(javaBinary());
        command.addAll(node.clusterNode() ? CLUSTER_NODE_HEAP : SINGLE_NODE_HEAP);
        command.addAll(JVM_OPTIONS);
        if (Runtime.version().feature() >= 18) {
            command.add("-Djava.security.manager=allow"); // Cassandra installs a SecurityManager
        }
        String dir = directory.toAbsolutePath().toString();
        if (!node.clusterNode()) {
            // faster schema changes; a cluster node keeps its system tables durable, or a node killed with kill -9
            // would come back without the schema created before
            command.add("-Dcassandra.unsafesystem=true");
        }
        command.addAll(List.of(
                "-Dcassandra-foreground=yes",
                "-Dcassandra.config=" + directory.resolve("cassandra.yaml").toUri(),
                "-Dcassandra.storagedir=" + dir,
                "-Dcassandra.logdir=" + dir,
                "-Dcassandra.triggers_dir=" + directory.resolve("triggers"),
                "-Dcassandra.skip_wait_for_gossip_to_settle=0",
                "-Dcassandra.ring_delay_ms=" + node.ringDelay().toMillis(),
                "-Djava.io.tmpdir=" + directory.resolve("tmp"),
                "-Dlogback.configurationFile=" + directory.resolve("logback.xml").toUri(),
                "-cp", String.join(File.pathSeparator, childClasspath()),
                CassandraChildMain.class.getName(),
                dir));

        EmbeddedCassandra server = new EmbeddedCassandra(node, directory, List.copyOf(command));
        server.process = spawn(command, directory);
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        LOG.info("Embedded Cassandra starting: pid {}, address {}, storage port {}, CQL port {}, log {}", server.pid(),
                node.address(), node.storagePort(), node.nativePort(), directory.resolve(LOG_FILE));
        return server;
    }

    private static Process spawn(List<String> command, Path directory) {
        try {
            return new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve(LOG_FILE).toFile()))
                    .start(); // stdin stays a pipe: the child halts when it reaches end-of-file
        } catch (IOException e) {
            Support.deleteRecursively(directory);
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
    }

    private String awaitReady(long startNanos) throws StartupFailure {
        long deadline = startNanos + STARTUP_TIMEOUT.toNanos();
        RuntimeException lastError = null;
        boolean portOpen = false;
        while (true) {
            if (!process.isAlive()) {
                throw failure("exited with code " + process.exitValue() + " during startup", lastError);
            }
            if (System.nanoTime() - deadline > 0) {
                throw failure("not ready within " + STARTUP_TIMEOUT.toSeconds() + " s", lastError);
            }
            if (!portOpen) {
                portOpen = portOpen();
                if (portOpen) {
                    cqlPortOpenNanos = System.nanoTime();
                } else {
                    sleep(200);
                }
                continue;
            }
            try (CqlSession session = CqlSession.builder()
                    .addContactPoint(contactPoint())
                    .withLocalDatacenter(DATACENTER)
                    .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                            .withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
                            .withBoolean(DefaultDriverOption.METADATA_TOKEN_MAP_ENABLED, false)
                            .build())
                    .build()) {
                Row row = session.execute("SELECT release_version FROM system.local").one();
                if (row != null) {
                    return row.getString("release_version");
                }
            } catch (RuntimeException e) {
                lastError = e;
            }
            sleep(250);
        }
    }

    private boolean portOpen() {
        try (Socket socket = new Socket()) {
            socket.connect(contactPoint(), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private StartupFailure failure(String what, Throwable cause) {
        String tail = Support.tail(directory.resolve(LOG_FILE), LOG_TAIL_LINES);
        boolean portClash = tail.contains("Address already in use") || tail.contains("Unable to bind");
        String message = "Embedded Cassandra (pid " + process.pid() + ", directory " + directory + ") " + what
                + "; last lines of its log:" + System.lineSeparator() + tail;
        return new StartupFailure(message, cause, portClash);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Cassandra", e);
        }
    }

    private static void writeConfiguration(Path directory, Node node) throws IOException {
        for (String sub : List.of("data", "commitlog", "hints", "saved_caches", "cdc_raw", "triggers", "tmp")) {
            Files.createDirectories(directory.resolve(sub));
        }
        String yaml = String.join("\n",
                "cluster_name: optilock-test",
                node.clusterNode() ? "num_tokens: 8" : "num_tokens: 1",
                node.clusterNode() ? "allocate_tokens_for_local_replication_factor: 3" : "initial_token: 0",
                "partitioner: org.apache.cassandra.dht.Murmur3Partitioner",
                "endpoint_snitch: SimpleSnitch",
                "commitlog_sync: periodic",
                "commitlog_sync_period: 10000ms",
                "seed_provider:",
                "  - class_name: org.apache.cassandra.locator.SimpleSeedProvider",
                "    parameters:",
                "      - seeds: \"" + node.seed() + ":" + node.storagePort() + "\"",
                "listen_address: " + node.address(),
                "rpc_address: " + node.address(),
                "storage_port: " + node.storagePort(),
                "native_transport_port: " + node.nativePort(),
                "start_native_transport: true",
                "auto_snapshot: false",
                "snapshot_before_compaction: false",
                "paxos_variant: v2",
                "cas_contention_timeout: 5000ms",
                "write_request_timeout: 5000ms",
                "data_file_directories:",
                "  - " + quoted(directory.resolve("data")),
                "commitlog_directory: " + quoted(directory.resolve("commitlog")),
                "hints_directory: " + quoted(directory.resolve("hints")),
                "saved_caches_directory: " + quoted(directory.resolve("saved_caches")),
                "cdc_raw_directory: " + quoted(directory.resolve("cdc_raw")),
                "");
        if (node.clusterNode()) {
            // three nodes share two cores with the tests
            yaml += String.join("\n", "concurrent_reads: 4", "concurrent_writes: 4", "concurrent_counter_writes: 4",
                    "memtable_allocation_type: heap_buffers", "");
        }
        Files.writeString(directory.resolve("cassandra.yaml"), yaml, StandardCharsets.UTF_8);
        String logback = String.join("\n",
                "<configuration>",
                "  <appender name=\"STDOUT\" class=\"ch.qos.logback.core.ConsoleAppender\">",
                "    <encoder><pattern>%-5level [%thread] %date{ISO8601} %logger{0} - %msg%n</pattern></encoder>",
                "  </appender>",
                "  <root level=\"INFO\"><appender-ref ref=\"STDOUT\"/></root>",
                "</configuration>",
                "");
        Files.writeString(directory.resolve("logback.xml"), logback, StandardCharsets.UTF_8);
    }

    private static String quoted(Path path) {
        return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    /**
     * cassandra-all's runtime classpath plus the location of {@link CassandraChildMain}: the jars resolved when
     * optilock-test-servers was built, when they are on this machine; else the jars an application jar carries
     * ({@link BundledCassandraJars}). {@code -Doptilock.cassandra.classpath=bundled} takes the bundled ones even when the
     * resolved ones are there.
     */
    private static List<String> childClasspath() {
        boolean bundledFirst = "bundled".equals(System.getProperty("optilock.cassandra.classpath"));
        if (bundledFirst) {
            return withLauncher(BundledCassandraJars.extract().orElseThrow(() -> new IllegalStateException(
                    "-Doptilock.cassandra.classpath=bundled, but no " + BundledCassandraJars.INDEX + " is on the class path")));
        }
        List<String> entries = new ArrayList<>();
        try (InputStream in = EmbeddedCassandra.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + CLASSPATH_RESOURCE + " is missing next to "
                        + EmbeddedCassandra.class.getName() + ": build optilock-test-servers with Maven");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            for (String entry : text.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    entries.add(entry.trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> missing = entries.stream().filter(entry -> !Files.exists(Path.of(entry))).toList();
        if (entries.isEmpty() || !missing.isEmpty()) {
            java.util.Optional<List<String>> bundled = BundledCassandraJars.extract();
            if (bundled.isPresent()) return withLauncher(bundled.get());
            throw new IllegalStateException("the Cassandra classpath resolved when optilock-test-servers was built"
                    + " is not available here (missing: " + missing + "); rebuild optilock-test-servers"
                    + " (mvn install -pl test-servers) on this machine, or run a jar that carries the Cassandra jars"
                    + " (" + BundledCassandraJars.INDEX + ", as the demo's does)");
        }
        return withLauncher(entries);
    }

    /** Cassandra's jars followed by the location of {@link CassandraChildMain}. */
    private static List<String> withLauncher(List<String> jars) {
        List<String> entries = new ArrayList<>(jars);
        entries.add(ownLocation());
        return entries;
    }

    private static String ownLocation() {
        CodeSource codeSource = CassandraChildMain.class.getProtectionDomain().getCodeSource();
        URL location = codeSource == null ? null : codeSource.getLocation();
        if (location != null && "file".equals(location.getProtocol())) {
            try {
                return Path.of(location.toURI()).toString();
            } catch (URISyntaxException | IllegalArgumentException e) {
                LOG.debug("unusable code source {}", location, e);
            }
        }
        // Unusual class loader: copy the wrapper class into a directory of its own.
        String resource = CassandraChildMain.class.getName().replace('.', '/') + ".class";
        try (InputStream in = CassandraChildMain.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("cannot locate " + resource);
            }
            Path root = Files.createTempDirectory("optilock-cassandra-launcher-");
            Path target = root.resolve(resource);
            Files.createDirectories(target.getParent());
            Files.write(target, in.readAllBytes());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> Support.deleteRecursively(root)));
            return root.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaBinary() {
        Path fromHome = Path.of(System.getProperty("java.home"), "bin",
                File.separatorChar == '\\' ? "java.exe" : "java");
        if (Files.isExecutable(fromHome)) {
            return fromHome.toString();
        }
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** Whether {@code setpriv --bounding-set -ipc_lock} exists and is permitted (it needs CAP_SETPCAP). */
    private static synchronized boolean setprivWorks() {
        if (setprivWorks == null) {
            boolean works;
            try {
                Process probe = new ProcessBuilder("setpriv", "--bounding-set", "-ipc_lock", "true")
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                works = probe.waitFor(5, TimeUnit.SECONDS) && probe.exitValue() == 0;
                if (probe.isAlive()) {
                    probe.destroyForcibly();
                }
            } catch (IOException e) {
                works = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                works = false;
            }
            setprivWorks = works;
        }
        return setprivWorks;
    }

    private static final class StartupFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final boolean portClash;

        StartupFailure(String message, Throwable cause, boolean portClash) {
            super(message, cause);
            this.portClash = portClash;
        }
    }
}
