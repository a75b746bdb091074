package dev.optilock.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a recorded {@link History} as JSON for external linearizability checkers (Porcupine, Knossos, Elle):
 * {@code target/optilock-tck/<backend>-history-<rule>.json}. The format is documented in {@code tck/README.md}: one
 * object per operation with its process, key, invocation and completion times (nanoseconds from the first
 * invocation; {@code null} completion and status {@code "unknown"} for an outcome the caller never learnt), the call
 * with its arguments, and its outcome.
 */
final class HistoryExport {
    private static final String UNKNOWN_SUFFIX = " (outcome unknown)";

    private HistoryExport() {
    }

    /** Writes the history and returns the file. */
    static Path write(String backend, String rule, long seed, History history) {
        List<History.Entry> entries = history.entries();
        long origin = entries.stream().mapToLong(History.Entry::invoked).min().orElse(0);
        StringBuilder json = new StringBuilder("{\n  \"backend\": ").append(TckReport.json(backend)).append(",\n  \"rule\": ")
                .append(TckReport.json(rule)).append(",\n  \"seed\": ").append(seed)
                .append(",\n  \"model\": \"one register per key holding (version, value) or absent\",\n  \"operations\": [");
        for (int i = 0; i < entries.size(); i++) {
            History.Entry entry = entries.get(i);
            String description = entry.description();
            int space = description.indexOf(' ');
            String label = space < 0 ? description : description.substring(0, space);
            String rest = space < 0 ? "" : description.substring(space + 1);
            if (rest.endsWith(UNKNOWN_SUFFIX)) rest = rest.substring(0, rest.length() - UNKNOWN_SUFFIX.length());
            int arrow = rest.indexOf(" -> ");
            String operation = arrow < 0 ? rest : rest.substring(0, arrow);
            String outcome = entry.unknown() ? null : arrow < 0 ? "" : rest.substring(arrow + 4);
            int dot = label.indexOf('.');
            String process = dot < 0 ? label : label.substring(0, dot);
            json.append(i == 0 ? "\n" : ",\n").append("    {\"process\": ").append(TckReport.json(process))
                    .append(", \"key\": ").append(TckReport.json(entry.key()))
                    .append(", \"invoke\": ").append(entry.invoked() - origin)
                    .append(", \"complete\": ").append(entry.unknown() ? "null" : Long.toString(entry.completed() - origin))
                    .append(", \"status\": ").append(entry.unknown() ? "\"unknown\"" : "\"ok\"")
                    .append(", \"operation\": ").append(TckReport.json(operation))
                    .append(", \"outcome\": ").append(outcome == null ? "null" : TckReport.json(outcome)).append('}');
        }
        json.append("\n  ]\n}\n");
        Path file = Path.of("target", "optilock-tck", backend + "-history-" + rule + ".json");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the history " + file.toAbsolutePath(), e);
        }
        return file;
    }
}
