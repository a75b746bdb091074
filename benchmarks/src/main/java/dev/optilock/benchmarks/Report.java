package dev.optilock.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Writes results.json, results.md and ratios.svg. */
final class Report {
    private final String date;
    private final String machine;
    private final String command;
    private final Config config;
    private final List<ScenarioResult> scenarios;
    private final List<Target> targets;

    Report(String date, String machine, String command, Config config, List<ScenarioResult> scenarios) {
        this.date = date;
        this.machine = machine;
        this.command = command;
        this.config = config;
        this.scenarios = scenarios;
        this.targets = Target.evaluate(scenarios);
    }

    List<Target> targets() {
        return targets;
    }

    void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("results.json"), json(), StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("results.md"), markdown(), StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("ratios.svg"), svg(), StandardCharsets.UTF_8);
    }

    // ---- JSON ----

    String json() {
        StringBuilder out = new StringBuilder();
        out.append("{\n  \"date\": ").append(quote(date)).append(",\n  \"machine\": ").append(quote(machine))
                .append(",\n  \"command\": ").append(quote(command)).append(",\n  \"config\": ").append(quote(config.describe()))
                .append(",\n  \"scenarios\": [");
        for (int s = 0; s < scenarios.size(); s++) {
            ScenarioResult scenario = scenarios.get(s);
            out.append(s == 0 ? "\n" : ",\n").append("    {\"name\": ").append(quote(scenario.name))
                    .append(", \"description\": ").append(quote(scenario.description));
            if (scenario.status != null) out.append(", \"status\": ").append(quote(scenario.status));
            out.append(",\n      \"results\": [");
            for (int r = 0; r < scenario.results.size(); r++) {
                ImplStats stats = scenario.results.get(r);
                out.append(r == 0 ? "\n" : ",\n").append("        {\"impl\": ").append(quote(stats.impl))
                        .append(", \"opsPerSec\": ").append(number(stats.opsPerSec(), 1))
                        .append(", \"p50Ms\": ").append(number(stats.p50Ms(), 3))
                        .append(", \"p99Ms\": ").append(number(stats.p99Ms(), 3))
                        .append(", \"statementsPerOp\": ").append(number(stats.statementsPerOp, 3))
                        .append(", \"bytesPerOp\": ").append(number(stats.bytesPerOp(), 0))
                        .append(", \"opsPerSecCi95\": ").append(number(stats.opsPerSecCi95(), 1))
                        .append(", \"clientCpuUsPerOp\": ").append(number(stats.clientCpuUsPerOp(), 1))
                        .append(", \"ops\": ").append(stats.ops)
                        .append(", \"errors\": ").append(stats.errors);
                for (Map.Entry<String, Object> extra : stats.extra.entrySet()) {
                    out.append(", ").append(quote(extra.getKey())).append(": ").append(value(extra.getValue()));
                }
                out.append("}");
            }
            out.append(scenario.results.isEmpty() ? "]" : "\n      ]").append(",\n      \"ratios\": {");
            int i = 0;
            for (Map.Entry<String, Double> ratio : scenario.ratios.entrySet()) {
                out.append(i++ == 0 ? "" : ", ").append(quote(ratio.getKey())).append(": ").append(number(ratio.getValue(), 3));
            }
            out.append("},\n      \"ratioCi95\": {");
            i = 0;
            for (Map.Entry<String, Double> spread : scenario.ratioCi95.entrySet()) {
                out.append(i++ == 0 ? "" : ", ").append(quote(spread.getKey())).append(": ").append(number(spread.getValue(), 3));
            }
            out.append("}");
            if (!scenario.notes.isEmpty()) {
                out.append(",\n      \"notes\": [");
                for (int n = 0; n < scenario.notes.size(); n++) out.append(n == 0 ? "" : ", ").append(quote(scenario.notes.get(n)));
                out.append("]");
            }
            out.append("}");
        }
        out.append("\n  ],\n  \"targets\": [");
        for (int t = 0; t < targets.size(); t++) {
            Target target = targets.get(t);
            out.append(t == 0 ? "\n" : ",\n").append("    {\"scenario\": ").append(quote(target.scenario()))
                    .append(", \"what\": ").append(quote(target.what())).append(", \"goal\": ").append(quote(target.goal()))
                    .append(", \"value\": ").append(number(target.value(), 3))
                    .append(", \"met\": ").append(target.met() == null ? "null" : target.met().toString())
                    .append(", \"decided\": ").append(target.decided())
                    .append(", \"noiseFloor\": ").append(number(target.noiseFloor(), 3)).append("}");
        }
        out.append("\n  ]\n}\n");
        return out.toString();
    }

    private static String value(Object value) {
        if (value == null) return "null";
        if (value instanceof Double d) return number(d, 3);
        if (value instanceof Number n) return n.toString();
        if (value instanceof Boolean b) return b.toString();
        return quote(String.valueOf(value));
    }

    private static String number(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) return "null";
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }

    // ---- Markdown ----

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# Optilock benchmark results\n\n");
        out.append("- Date: ").append(date).append('\n');
        out.append("- Machine: ").append(machine).append('\n');
        out.append("- Command: `").append(command).append("`\n");
        out.append("- Run: ").append(config.describe()).append("\n\n");
        out.append("## Targets\n\n| Scenario | Target | Goal | Measured | Met |\n| --- | --- | --- | --- | --- |\n");
        for (Target target : targets) {
            out.append("| ").append(target.scenario()).append(" | ").append(target.what()).append(" | ").append(target.goal())
                    .append(" | ").append(target.measured()).append(" | ")
                    .append(target.verdict("yes", "**no**")).append(" |\n");
        }
        for (ScenarioResult scenario : scenarios) {
            out.append("\n## ").append(scenario.name).append("\n\n").append(scenario.description).append(".\n\n");
            if (scenario.status != null) {
                out.append("**").append(scenario.status).append("**\n");
                continue;
            }
            Set<String> extras = new LinkedHashSet<>();
            for (ImplStats stats : scenario.results) extras.addAll(stats.extra.keySet());
            out.append("| impl | ops/s | ± 95 % | p50 ms | p99 ms | statements/op | bytes/op | client CPU µs/op |");
            for (String extra : extras) out.append(' ').append(extra).append(" |");
            out.append("\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            for (int i = 0; i < extras.size(); i++) out.append(" ---: |");
            out.append('\n');
            for (ImplStats stats : scenario.results) {
                boolean expected = stats.extra.containsKey("exhausted");
                String error = stats.firstError == null ? "" : stats.firstError.length() > 160
                        ? stats.firstError.substring(0, 160) + "..." : stats.firstError;
                out.append("| ").append(stats.impl).append(stats.errors > 0 && !expected ? " (" + stats.errors + " errors: " + error + ")" : "")
                        .append(" | ").append(format(stats.opsPerSec(), 0))
                        .append(" | ").append(format(stats.opsPerSecCi95(), 0))
                        .append(" | ").append(format(stats.p50Ms(), 3))
                        .append(" | ").append(format(stats.p99Ms(), 3))
                        .append(" | ").append(format(stats.statementsPerOp, 3))
                        .append(" | ").append(format(stats.bytesPerOp(), 0))
                        .append(" | ").append(format(stats.clientCpuUsPerOp(), 1)).append(" |");
                for (String extra : extras) {
                    Object value = stats.extra.get(extra);
                    out.append(' ').append(value instanceof Double d ? format(d, 3) : value == null ? "" : value.toString()).append(" |");
                }
                out.append('\n');
            }
            if (!scenario.ratios.isEmpty()) {
                out.append("\nRatios: ");
                List<String> parts = new ArrayList<>();
                scenario.ratios.forEach((name, value) -> parts.add("`" + name + "` = **" + format(value, 3) + "**"
                        + (scenario.ratioCi95.containsKey(name) ? " +-" + format(scenario.ratioCi95.get(name), 3) : "")));
                out.append(String.join(", ", parts))
                        .append(scenario.ratioCi95.isEmpty() ? "" : " (of 6 or more paired rounds, the median of their ratios; +-: 95 % confidence interval over the paired rounds;"
                                + " `by totals`: total operations over total time)").append('\n');
            }
            for (String note : scenario.notes) out.append("\n- ").append(note);
            if (!scenario.notes.isEmpty()) out.append('\n');
            if (!scenario.statementTexts.isEmpty() && scenario.name.endsWith("-1t")) {
                out.append("\n<details><summary>Statements each implementation sent (counting pass)</summary>\n\n");
                scenario.statementTexts.forEach((impl, texts) -> {
                    out.append("**").append(impl).append("**\n\n");
                    texts.forEach((sql, count) -> out.append("- ").append(count).append(" x `").append(sql.replace("`", "'"))
                            .append("`\n"));
                    out.append('\n');
                });
                out.append("</details>\n");
            }
        }
        return out.toString();
    }

    private static String format(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) return "-";
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    // ---- SVG ----

    String svg() {
        List<Target> bars = targets.stream().filter(target -> target.chartLabel() != null).toList();
        double max = 2.0;
        for (Target bar : bars) if (!Double.isNaN(bar.chartValue())) max = Math.max(max, bar.chartValue() * 1.08);
        max = Math.min(3.0, Math.ceil(max * 2) / 2); // beyond 3x a bar is drawn clipped, with its value
        int labelWidth = 280;
        int plotWidth = 440;
        int rowHeight = 26;
        int top = 60;
        String[] machineLines = machine.split("; ", 2);
        int height = top + bars.size() * rowHeight + 30 + 16 * machineLines.length + 8;
        int width = labelWidth + plotWidth + 90;
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n", width, height, width, height));
        out.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", width, height));
        out.append("<text x=\"10\" y=\"20\" font-size=\"15\" font-weight=\"bold\">Optilock vs baselines: ratios (higher is better)</text>\n");
        out.append("<text x=\"10\" y=\"38\" fill=\"#555\">").append(escape(date + ", " + (config.quick() ? "quick run" : "full run")
                + " (" + config.rounds() + " alternating rounds)")).append("</text>\n");
        out.append("<text x=\"10\" y=\"52\" fill=\"#555\">black tick = target; green = met, red = missed</text>\n");
        for (double tick = 0; tick <= max + 1e-9; tick += 0.5) {
            double x = labelWidth + tick / max * plotWidth;
            out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"1\"%s/>\n",
                    x, top - 4, x, top + bars.size() * rowHeight, tick == 1.0 ? "#333" : "#ddd",
                    tick == 1.0 ? " stroke-dasharray=\"4,3\"" : ""));
            out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%.1fx</text>\n",
                    x, top + bars.size() * rowHeight + 16, tick));
        }
        for (int i = 0; i < bars.size(); i++) {
            Target bar = bars.get(i);
            int y = top + i * rowHeight;
            out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n", labelWidth - 8,
                    y + 16, escape(bar.chartLabel())));
            if (bar.met() == null || Double.isNaN(bar.chartValue())) {
                out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#888\">not measured (skipped)</text>\n",
                        labelWidth + 6, y + 16));
                continue;
            }
            boolean clipped = bar.chartValue() > max;
            double w = Math.max(1, Math.min(bar.chartValue(), max) / max * plotWidth);
            out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n", labelWidth,
                    y + 4, w, rowHeight - 8, bar.met() ? "#2e7d32" : "#c62828"));
            double goalX = labelWidth + bar.chartGoal() / max * plotWidth;
            out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#000\" stroke-width=\"2\"/>\n",
                    goalX, y + 1, goalX, y + rowHeight - 1));
            out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s%.2fx</text>\n",
                    Math.max(labelWidth + w, Math.abs(goalX - labelWidth - w) < 30 ? goalX : 0) + 6, y + 16,
                    clipped ? "&#187; " : "", bar.chartValue()));
        }
        for (int i = 0; i < machineLines.length; i++) {
            out.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\" fill=\"#555\" font-size=\"11\">%s</text>\n",
                    top + bars.size() * rowHeight + 40 + 16 * i, escape((i == 0 ? "Machine: " : "Servers: ") + machineLines[i])));
        }
        out.append("</svg>\n");
        return out.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
