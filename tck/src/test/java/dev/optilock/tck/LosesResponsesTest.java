package dev.optilock.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.optilock.StoreOptions;
import dev.optilock.VersionedStore;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * {@link OptilockTck#losesResponses()}: on a backend that loses the response of every tenth update, where the store
 * cannot settle it, rules 2.1 and 2.8 fail by default and pass when the TCK is told that the environment loses
 * responses (the unknown increments counted as ones that may have applied, nothing else relaxed).
 */
class LosesResponsesTest {
    private static final List<String> RULES = List.of("required_2_1_no_lost_update",
            "required_2_8_two_stores_on_one_database_race_as_one");

    @Test
    void should_fail_the_hot_row_rules_on_unsettled_outcomes_by_default() {
        assertThat(run(Strict.class)).as("rules 2.1 and 2.8 by default").containsOnlyKeys(RULES)
                .allSatisfy((rule, result) -> assertThat(result).as(rule).startsWith("FAILED")
                        .contains("failed").contains("OutcomeUnknownException"));
    }

    @Test
    void should_count_unsettled_outcomes_as_may_have_applied_where_the_environment_loses_responses() {
        assertThat(run(Lossy.class)).as("rules 2.1 and 2.8 with losesResponses()").containsOnlyKeys(RULES)
                .allSatisfy((rule, result) -> assertThat(result).as(rule).isEqualTo("SUCCESSFUL"));
    }

    /** Each rule's status, then its failure's message. */
    private static Map<String, String> run(Class<?> tck) {
        Map<String, String> results = new TreeMap<>();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(RULES.stream().map(rule -> selectMethod(tck, rule)).toList()).build(), new TestExecutionListener() {
                    @Override
                    public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
                        if (!test.isTest()) return;
                        results.put(test.getDisplayName().replace("()", ""), result.getStatus()
                                + result.getThrowable().map(failure -> ": " + failure.getMessage()).orElse(""));
                    }
                });
        return results;
    }

    /**
     * The TCK on a backend that loses every tenth update's response, through a store without write identities (which
     * would settle them); nested, so that Surefire does not run it alone.
     */
    abstract static class Unsettled extends OptilockTck {
        @Override
        protected VersionedStore openStore(StoreOptions options) {
            return BrokenBackends.store(new BrokenBackends.UnsettledEveryTenthUpdate(
                    BrokenBackends.reference("loses-responses-" + backendName())), options.mutate().writeIdentities(false).build());
        }
    }

    static final class Strict extends Unsettled {
        @Override
        protected String backendName() {
            return "unsettled-strict";
        }
    }

    static final class Lossy extends Unsettled {
        @Override
        protected boolean losesResponses() {
            return true;
        }

        @Override
        protected String backendName() {
            return "unsettled-lossy";
        }
    }
}
