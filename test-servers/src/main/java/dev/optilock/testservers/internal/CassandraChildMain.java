package dev.optilock.testservers.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Main class of the forked Cassandra JVM started by {@code CassandraServer} (not an API). Uses the JDK only: Cassandra
 * is called by reflection, because this module is compiled without Cassandra on its classpath.
 *
 * <p>The parent JVM holds the write end of this process's stdin. When stdin reaches end-of-file (the parent closed it to
 * stop us, or the parent died, even by {@code kill -9}) this process deletes the directory given as first argument (the
 * server's data directory, best effort) and halts at once.
 */
public final class CassandraChildMain {

    private CassandraChildMain() {
    }

    public static void main(String[] args) throws Throwable {
        Path cleanupDirectory = args.length > 0 ? Path.of(args[0]) : null;
        Thread watcher = new Thread(() -> watchParent(cleanupDirectory), "optilock-parent-watcher");
        watcher.setDaemon(true);
        watcher.start();

        Class<?> daemon = Class.forName("org.apache.cassandra.service.CassandraDaemon");
        try {
            daemon.getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void watchParent(Path cleanupDirectory) {
        byte[] buffer = new byte[256];
        try (InputStream in = System.in) {
            while (in.read(buffer) >= 0) {
                // nothing to do with the input
            }
        } catch (Throwable ignored) {
            // treated like end-of-file
        }
        if (cleanupDirectory != null) {
            for (int attempt = 0; attempt < 3 && Files.exists(cleanupDirectory); attempt++) {
                try {
                    deleteRecursively(cleanupDirectory);
                } catch (Throwable ignored) {
                    // Cassandra may still be writing: try again, then give up
                }
            }
        }
        Runtime.getRuntime().halt(0);
    }

    private static void deleteRecursively(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
