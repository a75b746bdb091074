package dev.optilock.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code race --all}: every embedded backend of this build, side by side; the outcomes must match. */
class RaceAllTest {

    @Test
    void everyEmbeddedBackendGivesTheSameOutcomes() {
        RaceCommandTest.Run run = RaceCommandTest.main("race", "--all", "--count", "8", "--threads", "8");
        assertThat(run.status()).as("stdout:%n%s%nstderr:%n%s", run.out(), run.err()).isZero();
        assertThat(run.out()).contains("Side by side", "Outcomes match on " + Targets.availableEmbedded().size() + " backends");
        List<String> results = run.lines().stream().filter(line -> line.startsWith("RESULT ")).toList();
        assertThat(results).hasSize(Targets.availableEmbedded().size());
        assertThat(run.lastLine()).startsWith("RESULT ");
        for (String line : results) {
            Map<String, String> result = RaceCommandTest.result(line);
            assertThat(result).containsEntry("registered", "8").containsEntry("clones_rejected", "40")
                    .containsEntry("profile_updates", "64").containsEntry("lost_updates", "0");
        }
        assertThat(results.stream().map(line -> RaceCommandTest.result(line).get("backend")).toList())
                .containsExactlyElementsOf(Targets.availableEmbedded());
    }
}
