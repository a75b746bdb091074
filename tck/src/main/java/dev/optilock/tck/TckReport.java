package dev.optilock.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Collects the outcome of every rule of one TCK class and writes {@code target/optilock-tck/<backend>.json}
 * (under the working directory, the module directory in a Maven build) plus one summary line on standard
 * output. A required rule that was skipped counts as failed: required rules cannot be skipped.
 */
public final class TckReport implements TestWatcher, AfterAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TckReport.class);

    /** One rule's outcome. */
    record Result(Rule rule, String status, String message) {
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Result> results(ExtensionContext context) {
        ExtensionContext classContext = context.getParent().filter(parent -> parent.getTestMethod().isEmpty()
                && parent.getTestClass().isPresent()).orElse(context);
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent("results", key -> new TreeMap<String, Result>(), Map.class);
    }

    private static void record(ExtensionContext context, String status, String message) {
        Rule rule = context.getTestMethod().map(method -> Rule.ofMethod(method.getName())).orElse(null);
        if (rule == null) return;
        String effective = status;
        String text = message;
        if (status.equals("skipped") && rule.required()) {
            effective = "failed";
            text = "required rule was skipped: " + message;
        }
        results(context).put(sortKey(rule), new Result(rule, effective, text));
    }

    private static String sortKey(Rule rule) {
        String[] parts = rule.id().split("\\.");
        return String.format("%03d.%03d", Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        record(context, "passed", "");
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        record(context, "failed", String.valueOf(cause));
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        record(context, "skipped", cause == null ? "" : cause.getMessage());
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        record(context, "skipped", reason.orElse("disabled"));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Object instance = context.getTestInstance().orElse(null);
        String backend = instance instanceof OptilockTck tck ? tck.backendName() : context.getRequiredTestClass().getSimpleName();
        Map<String, Result> results = results(context);
        int required = 0, requiredPassed = 0, requiredFailed = 0, optional = 0, optionalPassed = 0, skipped = 0;
        StringBuilder rules = new StringBuilder();
        for (Result result : results.values()) {
            if (result.rule().required()) {
                required++;
                if (result.status().equals("passed")) requiredPassed++;
                if (result.status().equals("failed")) requiredFailed++;
            } else {
                optional++;
                if (result.status().equals("passed")) optionalPassed++;
            }
            if (result.status().equals("skipped")) skipped++;
            if (rules.length() > 0) rules.append(",\n");
            rules.append("    {\"id\": ").append(json(result.rule().id())).append(", \"required\": ").append(result.rule().required())
                    .append(", \"status\": ").append(json(result.status())).append(", \"message\": ").append(json(result.message())).append('}');
        }
        String report = "{\n  \"backend\": " + json(backend) + ",\n  \"rules\": [\n" + rules + "\n  ],\n"
                + "  \"summary\": {\"required\": " + required + ", \"requiredPassed\": " + requiredPassed
                + ", \"requiredFailed\": " + requiredFailed + ", \"optional\": " + optional + ", \"optionalPassed\": "
                + optionalPassed + ", \"skipped\": " + skipped + "}\n}\n";
        Path file = Path.of("target", "optilock-tck", backend + ".json");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, report, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write TCK report " + file.toAbsolutePath(), e);
        }
        System.out.println("TCK " + backend + ": required " + requiredPassed + "/" + required + " passed, optional "
                + optionalPassed + "/" + optional + " passed, " + skipped + " skipped");
    }

    static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }
}
