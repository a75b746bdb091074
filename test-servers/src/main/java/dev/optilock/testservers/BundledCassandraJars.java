package dev.optilock.testservers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * cassandra-all's runtime jars carried inside an application jar (the demo's): the resource {@value #INDEX} names
 * them (resource paths, separated by {@code :} or {@code ;}) and they lie beside it. They are extracted once into a
 * directory under {@code java.io.tmpdir} named after a digest of the index, so that any machine with a JDK can start
 * the embedded Cassandra without the Maven repository of the machine that built the jar. Extraction goes to a
 * private directory first and is moved into place at once, so concurrent JVMs never see half a directory.
 */
final class BundledCassandraJars {
    static final String INDEX = "optilock-cassandra-lib/index.txt";

    private BundledCassandraJars() {
    }

    /** The extracted jars, or empty when the class path carries no index. */
    static Optional<List<String>> extract() {
        ClassLoader loader = BundledCassandraJars.class.getClassLoader();
        String index;
        try (InputStream in = loader.getResourceAsStream(INDEX)) {
            if (in == null) return Optional.empty();
            index = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + INDEX, e);
        }
        List<String> resources = new ArrayList<>();
        for (String entry : index.split("[:;]")) {
            if (!entry.isBlank()) resources.add(entry.trim());
        }
        if (resources.isEmpty()) throw new IllegalStateException(INDEX + " names no jar");
        Path directory = Path.of(System.getProperty("java.io.tmpdir"), "optilock-cassandra-lib-" + digest(index));
        if (!Files.isDirectory(directory)) unpack(loader, resources, directory);
        List<String> jars = new ArrayList<>();
        for (String resource : resources) {
            Path jar = directory.resolve(fileName(resource));
            if (!Files.isRegularFile(jar)) throw new IllegalStateException("extracted Cassandra jar missing: " + jar);
            jars.add(jar.toString());
        }
        return Optional.of(jars);
    }

    private static void unpack(ClassLoader loader, List<String> resources, Path directory) {
        Path staging;
        try {
            staging = Files.createTempDirectory(directory.getParent(), directory.getFileName() + ".staging-");
            for (String resource : resources) {
                try (InputStream jar = loader.getResourceAsStream(resource)) {
                    if (jar == null) throw new IllegalStateException(INDEX + " names " + resource + ", which is not on the class path");
                    Files.copy(jar, staging.resolve(fileName(resource)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the bundled Cassandra jars into " + directory.getParent(), e);
        }
        try {
            Files.move(staging, directory, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException concurrent) {
            Support.deleteRecursively(staging); // another JVM moved its copy first
        } catch (IOException e) {
            if (!Files.isDirectory(directory)) throw new UncheckedIOException("cannot move the Cassandra jars to " + directory, e);
            Support.deleteRecursively(staging);
        }
    }

    private static String fileName(String resource) {
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        if (name.isEmpty() || name.contains("..")) throw new IllegalStateException("not a jar name in " + INDEX + ": " + resource);
        return name;
    }

    private static String digest(String index) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(index.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
