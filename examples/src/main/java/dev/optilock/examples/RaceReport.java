package dev.optilock.examples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What one race run did, and whether every invariant held. */
public final class RaceReport {
    /** One checked invariant. */
    public record Invariant(String name, boolean held, String detail) {
    }

    final String backend;
    final String description;
    final List<Invariant> invariants = new ArrayList<>();
    /** Deterministic outcomes: equal on every correct backend for the same settings. */
    final Map<String, Long> outcomes = new LinkedHashMap<>();
    /** Timing-dependent measurements. */
    final Map<String, Long> measurements = new LinkedHashMap<>();
    final List<String[]> table = new ArrayList<>();

    long registered;
    long clonesRejected;
    long profileUpdates;
    long lostUpdates;
    long conflicts;
    long retries;
    long elapsedMillis;

    RaceReport(String backend, String description) {
        this.backend = backend;
        this.description = description;
    }

    void check(String name, boolean held, String detail) {
        invariants.add(new Invariant(name, held, detail));
    }

    public String backend() {
        return backend;
    }

    public List<Invariant> invariants() {
        return List.copyOf(invariants);
    }

    public Map<String, Long> outcomes() {
        return Map.copyOf(outcomes);
    }

    public boolean allHeld() {
        return !invariants.isEmpty() && invariants.stream().allMatch(Invariant::held);
    }

    public long registered() {
        return registered;
    }

    public long clonesRejected() {
        return clonesRejected;
    }

    public long profileUpdates() {
        return profileUpdates;
    }

    public long lostUpdates() {
        return lostUpdates;
    }

    public long conflicts() {
        return conflicts;
    }

    public long retries() {
        return retries;
    }

    public long elapsedMillis() {
        return elapsedMillis;
    }

    /** The machine-readable last line. */
    public String resultLine() {
        return String.format(Locale.ROOT,
                "RESULT backend=%s registered=%d clones_rejected=%d profile_updates=%d lost_updates=%d conflicts=%d retries=%d elapsed_ms=%d",
                backend, registered, clonesRejected, profileUpdates, lostUpdates, conflicts, retries, elapsedMillis);
    }
}
