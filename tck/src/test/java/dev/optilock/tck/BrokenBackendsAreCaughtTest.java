package dev.optilock.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** The TCK must be able to fail: each broken backend is caught by at least one required rule. */
class BrokenBackendsAreCaughtTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ReadThenWrite", "IgnoresVersion", "ConflictAsNotFound", "StaleCache", "DoubleInsert", "UnknownAsSuccess",
            "RepeatingVersions", "WriteByWriteGroup"})
    void should_catch_the_broken_backend_with_a_required_rule(String broken) throws Exception {
        Class<?> tck = Class.forName(BrokenBackendTckRuns.class.getName() + "$" + broken);
        Set<String> failedRequired = new TreeSet<>();
        List<String> failures = new ArrayList<>();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(tck)).build();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest() && result.getStatus() == TestExecutionResult.Status.FAILED) {
                    String name = test.getDisplayName().replace("()", "");
                    failures.add(name);
                    if (name.startsWith("required_")) failedRequired.add(name);
                }
            }
        });
        assertThat(failedRequired).as("required rules that caught " + broken + " (all failures: " + failures + ")").isNotEmpty();
        if (broken.equals("RepeatingVersions")) {
            assertThat(failedRequired).as("the rule written for versions that repeat across a re-insert")
                    .contains("required_1_22_a_version_from_an_earlier_incarnation_never_applies");
        }
        if (broken.equals("WriteByWriteGroup")) {
            assertThat(failedRequired).as("the deterministic group rule, for a group sent write by write")
                    .contains("required_1_23_a_group_applies_all_of_its_writes_or_none");
        }
        String backend = ((OptilockTck) tck.getDeclaredConstructor().newInstance()).backendName();
        Path report = Path.of("target", "optilock-tck", backend + ".json");
        assertThat(report).exists();
        String json = Files.readString(report);
        assertThat(json).contains("\"required\": true, \"status\": \"failed\"");
        assertThat(json).doesNotContain("\"requiredFailed\": 0,");
        System.out.println("TCK caught " + broken + " with " + failedRequired);
    }

}
