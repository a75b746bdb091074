package dev.optilock.testservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Helpers shared by {@link PostgresServer} and {@link CassandraServer}. */
final class Support {

    private static final Logger LOG = LoggerFactory.getLogger(Support.class);
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]*");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int RANDOM_HEX_CHARS = 16;

    private static Boolean dockerAvailable;

    private Support() {
    }

    /** The trimmed value of an environment variable, or {@code null} when unset or blank. */
    static String env(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * Whether Testcontainers finds a Docker engine; asked once per JVM. False as well when Testcontainers is not on the
     * classpath (a consumer may exclude it). Testcontainers is only asked when something points at an engine (see
     * {@link #dockerEngineHint()}): without one it would log a multi-line ERROR for what is, here, a normal setup.
     */
    static synchronized boolean dockerAvailable() {
        if (dockerAvailable == null) {
            String hint = dockerEngineHint();
            if (hint == null) {
                LOG.info("No Docker engine (DOCKER_HOST is unset, no Docker socket, no ~/.testcontainers.properties): "
                        + "Testcontainers is not used");
                dockerAvailable = false;
                return false;
            }
            long start = System.nanoTime();
            boolean available;
            try {
                available = org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
            } catch (Throwable e) { // NoClassDefFoundError included
                LOG.debug("Testcontainers cannot be used", e);
                available = false;
            }
            LOG.info("Docker engine for Testcontainers {} ({}; checked in {})",
                    available ? "available" : "not available", hint, seconds(System.nanoTime() - start));
            dockerAvailable = available;
        }
        return dockerAvailable;
    }

    /**
     * What points at a Docker engine, as Testcontainers would look for one: {@code DOCKER_HOST}, a Testcontainers
     * configuration file, or a Docker socket in one of its usual places; null when nothing does. On Windows, where
     * the engine is reached by a named pipe, Testcontainers is always asked.
     */
    static String dockerEngineHint() {
        if (env("DOCKER_HOST") != null) return "DOCKER_HOST is set";
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) return "Windows";
        Path home = Path.of(System.getProperty("user.home", "."));
        if (Files.exists(home.resolve(".testcontainers.properties"))) return "~/.testcontainers.properties exists";
        List<Path> sockets = new ArrayList<>(List.of(Path.of("/var/run/docker.sock"), home.resolve(".docker/run/docker.sock"),
                home.resolve(".docker/desktop/docker.sock"), home.resolve(".colima/default/docker.sock"),
                home.resolve(".rd/docker.sock")));
        String runtime = env("XDG_RUNTIME_DIR");
        if (runtime != null) sockets.add(Path.of(runtime, "docker.sock"));
        for (Path socket : sockets) {
            if (Files.exists(socket)) return "socket " + socket;
        }
        return null;
    }

    /**
     * {@code prefix} (lower-cased) followed by 16 random hex digits: a valid unquoted identifier for both PostgreSQL and
     * CQL, unique with overwhelming probability even across JVMs sharing one server.
     */
    static String uniqueName(String prefix, int maxLength) {
        Objects.requireNonNull(prefix, "prefix");
        String lower = prefix.toLowerCase(Locale.ROOT);
        if (!PREFIX.matcher(lower).matches()) {
            throw new IllegalArgumentException(
                    "prefix must start with a letter and contain only letters, digits and '_': '" + prefix + "'");
        }
        if (lower.length() + RANDOM_HEX_CHARS > maxLength) {
            throw new IllegalArgumentException("prefix too long (at most " + (maxLength - RANDOM_HEX_CHARS)
                    + " characters): '" + prefix + "'");
        }
        long random;
        synchronized (RANDOM) {
            random = RANDOM.nextLong();
        }
        return lower + String.format(Locale.ROOT, "%016x", random);
    }

    /** A TCP port that was free on 127.0.0.1 a moment ago. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /** Deletes a directory tree; best effort, returns whether it is gone. */
    static boolean deleteRecursively(Path root) {
        if (root == null || !Files.exists(root)) {
            return true;
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        Files.deleteIfExists(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        if (e instanceof NoSuchFileException) {
                            return FileVisitResult.CONTINUE;
                        }
                        throw e;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                        Files.deleteIfExists(dir);
                        return FileVisitResult.CONTINUE;
                    }
                });
                return true;
            } catch (IOException e) {
                LOG.debug("deleting {} failed (attempt {})", root, attempt + 1, e);
            }
        }
        return !Files.exists(root);
    }

    /** The last {@code maxLines} lines of a text file, or a note why there are none. */
    static String tail(Path file, int maxLines) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> tail = new ArrayList<>(lines.subList(Math.max(0, lines.size() - maxLines), lines.size()));
            return String.join(System.lineSeparator(), tail);
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }
}
