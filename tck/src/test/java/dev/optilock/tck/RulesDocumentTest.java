package dev.optilock.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** RULES.md, the Rule enum and the test methods must name the same rules. */
class RulesDocumentTest {

    @Test
    void should_list_every_rule_in_rules_md_with_its_statement() throws Exception {
        String document = Files.readString(Path.of("RULES.md"));
        for (Rule rule : Rule.values()) {
            assertThat(document).as("RULES.md lists rule " + rule.id()).contains("| " + rule.id() + " | " + (rule.required() ? "required" : "optional")
                    + " | " + rule.statement() + " |");
        }
    }

    @Test
    void should_have_exactly_one_test_method_per_rule_with_the_matching_prefix() {
        Set<Method> tests = Arrays.stream(OptilockTck.class.getMethods())
                .filter(method -> method.isAnnotationPresent(org.junit.jupiter.api.Test.class)).collect(Collectors.toSet());
        Set<Rule> covered = tests.stream().map(method -> {
            Rule rule = Rule.ofMethod(method.getName());
            assertThat(rule).as("test method " + method.getName() + " names a rule").isNotNull();
            assertThat(method.getName()).startsWith(rule.required() ? "required_" : "optional_");
            return rule;
        }).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrder(Rule.values());
        assertThat(tests).hasSize(Rule.values().length);
    }
}
