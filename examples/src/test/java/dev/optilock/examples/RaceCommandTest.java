package dev.optilock.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Runs {@code race} in-process, as {@code java -jar optilock-examples.jar race ...} would, and checks the RESULT line. */
class RaceCommandTest {
    static final Pattern RESULT = Pattern.compile("RESULT backend=(\\w+) registered=(\\d+) clones_rejected=(\\d+) "
            + "profile_updates=(\\d+) lost_updates=(\\d+) conflicts=(\\d+) retries=(\\d+) elapsed_ms=(\\d+)");

    record Run(int status, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }

        String lastLine() {
            List<String> lines = lines();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    static Run main(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Main.run(args, o, e);
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Map<String, String> result(String line) {
        Matcher matcher = RESULT.matcher(line);
        assertThat(matcher.matches()).as("RESULT line: %s", line).isTrue();
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : line.substring("RESULT ".length()).split(" ")) {
            String[] parts = pair.split("=", 2);
            fields.put(parts[0], parts[1]);
        }
        return fields;
    }

    private static void assertCleanRun(Run run, String backend, int count) {
        assertThat(run.status()).as("exit status; stdout:%n%s%nstderr:%n%s", run.out(), run.err()).isZero();
        Map<String, String> result = result(run.lastLine());
        assertThat(result).containsEntry("backend", backend)
                .containsEntry("registered", String.valueOf(count))
                .containsEntry("clones_rejected", String.valueOf(count * 5))
                .containsEntry("profile_updates", String.valueOf(count * 8))
                .containsEntry("lost_updates", "0");
        assertThat(Long.parseLong(result.get("retries"))).isGreaterThanOrEqualTo(0);
        assertThat(run.out()).contains("Every invariant held").doesNotContain("[FAIL]");
        assertThat(run.out()).as("no live redraws when the output is not a terminal").doesNotContain("\r");
    }

    @Test
    void raceOnH2() {
        assertCleanRun(main("race", "--backend", "h2"), "h2", 40);
    }

    @Test
    void raceOnTheDefaultEmbeddedPostgres() {
        assertCleanRun(main("race"), "postgres", 40);
    }

    @Test
    void raceOnMemoryWithACount() {
        assertCleanRun(main("race", "--backend=memory", "--count", "12"), "memory", 12);
    }

    @Test
    void raceAgainstAnExistingDatabaseByUrlTagsItsKeys() {
        String url = "jdbc:h2:mem:existing_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        Run first = main("race", "--url", url, "--count", "10");
        Run second = main("race", "--url", url, "--count", "10"); // same tables, no collision with the first run
        assertCleanRun(first, "h2", 10);
        assertCleanRun(second, "h2", 10);
        assertThat(first.out()).contains("keys tagged");
    }

    @Test
    void helpAndBadUsage() {
        Run help = main("--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("race", "serve", "--backend", "--all");

        Run badBackend = main("race", "--backend", "oracle");
        assertThat(badBackend.status()).isEqualTo(2);
        assertThat(badBackend.err()).contains("--backend must be one of");

        Run badCount = main("race", "--count", "many");
        assertThat(badCount.status()).isEqualTo(2);
        assertThat(badCount.err()).contains("--count");

        Run badUrl = main("race", "--url", "mysql://localhost/x");
        assertThat(badUrl.status()).isEqualTo(2);
        assertThat(badUrl.err()).contains("--url");
    }
}
