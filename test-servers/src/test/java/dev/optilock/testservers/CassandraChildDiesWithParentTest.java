package dev.optilock.testservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** kill -9 of the JVM that started an embedded Cassandra must not leave the Cassandra JVM behind. */
class CassandraChildDiesWithParentTest {

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void childDiesWhenParentIsKilled() throws Exception {
        assumeTrue(Support.env("OPTILOCK_TEST_CASSANDRA_CONTACT_POINTS") == null && !Support.dockerAvailable(),
                "only the embedded server has a child process");

        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path parentLog = Files.createTempFile("optilock-forked-parent-", ".log");
        Process parent = new ProcessBuilder(java, "-cp", classpath, ForkedCassandraMain.class.getName())
                .redirectError(parentLog.toFile())
                .start();
        long cassandraPid = -1;
        try {
            CompletableFuture<Long> pid = CompletableFuture.supplyAsync(() -> readPid(parent));
            cassandraPid = pid.get(180, TimeUnit.SECONDS);
            Optional<ProcessHandle> child = ProcessHandle.of(cassandraPid);
            assertThat(child).as("Cassandra child process").isPresent();
            assertThat(child.get().parent().map(ProcessHandle::pid)).contains(parent.pid());
            Path storageDir = storageDirectory(child.get());
            if (storageDir != null) {
                assertThat(storageDir).isDirectory();
            }

            parent.destroyForcibly(); // SIGKILL: no shutdown hooks run
            assertThat(parent.waitFor(10, TimeUnit.SECONDS)).isTrue();
            long killedAt = System.nanoTime();

            long deadline = killedAt + TimeUnit.SECONDS.toNanos(15);
            while (ProcessHandle.of(cassandraPid).isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(ProcessHandle.of(cassandraPid)).as("Cassandra child 15 s after kill -9 of its parent")
                    .isEmpty();
            System.out.printf("Cassandra child gone %.2f s after kill -9 of its parent%n",
                    (System.nanoTime() - killedAt) / 1e9);
            if (storageDir != null) {
                assertThat(storageDir).as("the child deletes its directory").doesNotExist();
            }
            Files.deleteIfExists(parentLog);
        } catch (Throwable e) {
            System.err.println("forked parent's stderr:\n" + Support.tail(parentLog, 60));
            throw e;
        } finally {
            parent.destroyForcibly();
            if (cassandraPid > 0) {
                ProcessHandle.of(cassandraPid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    private static long readPid(Process process) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("SOURCE=")) {
                    assertThat(line).isEqualTo("SOURCE=embedded");
                }
                if (line.startsWith("CASSANDRA_PID=")) {
                    return Long.parseLong(line.substring("CASSANDRA_PID=".length()));
                }
            }
            throw new IllegalStateException("forked parent exited with code " + process.waitFor()
                    + " before printing the Cassandra pid");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The child's -Dcassandra.storagedir, from /proc (ProcessHandle.Info omits long command lines), or null. */
    private static Path storageDirectory(ProcessHandle process) throws IOException {
        Path cmdline = Path.of("/proc", Long.toString(process.pid()), "cmdline");
        if (!Files.isReadable(cmdline)) {
            return null;
        }
        String prefix = "-Dcassandra.storagedir=";
        return Arrays.stream(new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).split("\0"))
                .filter(argument -> argument.startsWith(prefix))
                .map(argument -> Path.of(argument.substring(prefix.length())))
                .findFirst()
                .orElse(null);
    }
}
