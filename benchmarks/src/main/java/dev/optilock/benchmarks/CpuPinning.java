package dev.optilock.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Places a one-thread measurement on fixed CPUs: the calling client thread on the first CPU, the local PostgreSQL
 * server's processes (the postmaster and every backend) on the last one, as a client and its database server on two
 * machines would be.
 *
 * <p>Unpinned on this 2-core machine, whether the one client thread and its server backend happen to share a core
 * decided each round (latency up to 2x apart), and the 1-thread ratio's 95 % interval was +-27 % after ten 3-second
 * rounds: no 5 % difference could be resolved. Pinned, each implementation runs under the same placement.
 *
 * <p>Linux only, with {@code taskset} (util-linux) and at least 2 CPUs, and only when the server runs on this machine
 * as the same user (the embedded server): otherwise {@link #forPostgres} returns empty and the scenario runs unpinned
 * (its notes say which).
 */
final class CpuPinning {
    private final int clientCpu;
    private final int serverCpu;
    private final long postmaster;
    private final int cpus;

    private CpuPinning(int clientCpu, int serverCpu, long postmaster, int cpus) {
        this.clientCpu = clientCpu;
        this.serverCpu = serverCpu;
        this.postmaster = postmaster;
        this.cpus = cpus;
    }

    /**
     * @param backendPid {@code pg_backend_pid()} of a connection to the server
     * @return the pinning, or empty with the reason logged when it is not possible here
     */
    static Optional<CpuPinning> forPostgres(long backendPid) {
        int cpus = Runtime.getRuntime().availableProcessors();
        if (cpus < 2) return unavailable("fewer than 2 CPUs");
        Path stat = Path.of("/proc", Long.toString(backendPid), "stat");
        if (!Files.isReadable(stat)) return unavailable("the server's backend " + backendPid + " is not a process of this machine");
        try {
            long parent = parentOf(Files.readString(stat));
            CpuPinning pinning = new CpuPinning(0, cpus - 1, parent, cpus);
            pinning.taskset(List.of("-p", Long.toString(parent)));  // only reads the mask: taskset works on that process
            return Optional.of(pinning);
        } catch (IOException | RuntimeException e) {
            return unavailable(e.getMessage());
        }
    }

    private static Optional<CpuPinning> unavailable(String why) {
        Log.info("CPU pinning not available (%s): the 1-thread scenarios run unpinned", why);
        return Optional.empty();
    }

    /** What the scenario's notes say about the placement. */
    String describe() {
        return "client thread pinned to CPU " + clientCpu + ", the PostgreSQL server's processes to CPU " + serverCpu
                + " (taskset), so that every round has the same placement";
    }

    /** Pins the postmaster and its backends (those that exist and, through the postmaster, those forked later). */
    void pinServer() throws IOException {
        for (long pid : withChildren(postmaster)) taskset(List.of("-a", "-p", "-c", Integer.toString(serverCpu), Long.toString(pid)));
    }

    /** Lets the server's processes run on every CPU again. */
    void releaseServer() throws IOException {
        for (long pid : withChildren(postmaster)) taskset(List.of("-a", "-p", "-c", "0-" + (cpus - 1), Long.toString(pid)));
    }

    /** Pins the calling thread (not its process) to the client's CPU; a thread started by it inherits the mask. */
    void pinCurrentThread() {
        try {
            Path self = Files.readSymbolicLink(Path.of("/proc/thread-self"));  // /proc/<pid>/task/<tid> as seen from /proc
            taskset(List.of("-p", "-c", Integer.toString(clientCpu), self.getFileName().toString()));
        } catch (IOException e) {
            throw new IllegalStateException("pinning the client thread failed: " + e.getMessage(), e);
        }
    }

    private static List<Long> withChildren(long pid) throws IOException {
        List<Long> pids = new ArrayList<>();
        pids.add(pid);
        Path children = Path.of("/proc", Long.toString(pid), "task", Long.toString(pid), "children");
        if (Files.isReadable(children)) {
            for (String child : Files.readString(children).trim().split("\\s+")) {
                if (!child.isEmpty()) pids.add(Long.parseLong(child));
            }
        }
        return pids;
    }

    /** The fourth field of {@code /proc/<pid>/stat}, after the command name in parentheses (which may hold spaces). */
    private static long parentOf(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[1]);
    }

    private void taskset(List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("taskset");
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes()).trim();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                // A backend that ended meanwhile is not an error: it runs nowhere.
                if (output.contains("No such process")) return;
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running taskset", e);
        }
    }
}
