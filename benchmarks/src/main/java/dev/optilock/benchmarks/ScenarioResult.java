package dev.optilock.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One scenario's results: one entry per implementation, the ratios between them, and what to know about them. */
final class ScenarioResult {
    final String name;
    final String description;
    /** Null when it ran; {@code "skipped: ..."} when it could not. */
    String status;
    final List<ImplStats> results = new ArrayList<>();
    final Map<String, Double> ratios = new LinkedHashMap<>();
    /**
     * Per throughput ratio, the half-width of its 95 % confidence interval over the paired rounds (each round measures
     * both implementations, one after the other; {@link PairedRatio}): how far this run's figure may be from another
     * run's.
     */
    final Map<String, Double> ratioCi95 = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    /** Statement texts seen in the counting pass, per implementation (for the Markdown report only). */
    final Map<String, Map<String, Long>> statementTexts = new LinkedHashMap<>();

    ScenarioResult(String name, String description) {
        this.name = name;
        this.description = description;
    }

    static ScenarioResult skipped(String name, String description, String reason) {
        ScenarioResult result = new ScenarioResult(name, description);
        result.status = "skipped: " + reason;
        return result;
    }

    ImplStats get(String impl) {
        return results.stream().filter(stats -> stats.impl.equals(impl)).findFirst().orElse(null);
    }

    /**
     * Adds {@code a/b} of throughput when both ran ({@link PairedRatio}: the median of the paired rounds' ratios, with
     * its interval), and {@code a/b by totals}, the ratio of their mean throughputs.
     */
    void throughputRatio(String a, String b) {
        ImplStats x = get(a);
        ImplStats y = get(b);
        if (x == null || y == null || y.opsPerSec() <= 0) return;
        PairedRatio ratio = PairedRatio.of(x.roundOpsPerSec, y.roundOpsPerSec, x.opsPerSec(), y.opsPerSec());
        ratios.put(a + "/" + b, ratio.value());
        if (Double.isFinite(ratio.ci95())) ratioCi95.put(a + "/" + b, ratio.ci95());
        if (ratio.ofTotals() != ratio.value()) ratios.put(a + "/" + b + " by totals", ratio.ofTotals());
    }

    /**
     * The same comparison by the machine's working CPU per operation ({@link ImplStats#machineCpuUsPerOp()}), as
     * {@code b}'s over {@code a}'s, so that above 1 means {@code a} costs less, like a throughput ratio above 1: the
     * hypervisor's steal, which moves throughput from round to round here, does not change it.
     */
    void cpuRatio(String a, String b) {
        ImplStats x = get(a);
        ImplStats y = get(b);
        if (x == null || y == null) return;
        double ratio = y.machineCpuUsPerOp() / x.machineCpuUsPerOp();
        if (Double.isFinite(ratio)) ratios.put(a + "/" + b + " by machine CPU", ratio);
    }
}
