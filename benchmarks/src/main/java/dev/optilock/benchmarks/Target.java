package dev.optilock.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One published target and whether this run met it.
 *
 * @param met null when it could not be measured (a skipped scenario)
 * @param ci95 for a throughput ratio, the half-width of its 95 % confidence interval over the run's paired rounds
 *     ({@link ScenarioResult#ratioCi95}); NaN otherwise
 * @param noiseFloor for a throughput ratio whose scenario ran the control ({@value #CONTROL}), how far the control's
 *     ratio was from 1: two identical implementations, on the rows every implementation writes, differed by that
 *     much in this run, so a ratio closer than this to its goal is not decided by the run; NaN otherwise
 */
record Target(String scenario, String what, String goal, double value, Boolean met, String chartLabel, double chartValue,
        double chartGoal, double ci95, double noiseFloor) {

    /** The A/A ratio of the SQL scenarios: hand-written JDBC against itself, on the same rows. */
    static final String CONTROL = "raw-jdbc-control/raw-jdbc";

    /** A target without a noise floor. */
    Target(String scenario, String what, String goal, double value, Boolean met, String chartLabel, double chartValue,
            double chartGoal, double ci95) {
        this(scenario, what, goal, value, met, chartLabel, chartValue, chartGoal, ci95, Double.NaN);
    }

    /**
     * Whether this run decides the target: measured, and farther from its goal than the noise floor (when there is
     * one). A ratio of 0.94 against a goal of 0.95 with a noise floor of 0.07 is neither met nor missed by the run.
     */
    boolean decided() {
        if (met == null) return false;
        if (Double.isNaN(noiseFloor)) return true;
        return Math.abs(value - chartGoal) > noiseFloor;
    }

    /** {@code yes} or {@code no}; for a target the run does not decide, with the noise floor it is within. */
    String verdict(String yes, String no) {
        if (met == null) return "not measured";
        String verdict = met ? yes : no;
        if (decided()) return verdict;
        return verdict + String.format(Locale.ROOT, " (within the run's noise floor, +-%.3f)", noiseFloor);
    }

    /** The value, and its confidence interval when it has one: {@code 0.941 +-0.030}. */
    String measured() {
        if (met == null) return "not measured";
        return String.format(Locale.ROOT, "%.3f", value) + (Double.isNaN(ci95) ? "" : String.format(Locale.ROOT, " +-%.3f", ci95));
    }

    /**
     * Evaluates the published targets against the results: issue 13's (ratios to hand-written JDBC, jOOQ and the raw
     * LWT, heap per write, statements per write, the hot key) and issue 7's that it kept (Hibernate).
     */
    static List<Target> evaluate(List<ScenarioResult> scenarios) {
        List<Target> targets = new ArrayList<>();
        for (String threads : new String[] {"1t", "8t"}) {
            String sqlName = "sql-update-" + threads;
            ScenarioResult sql = find(scenarios, sqlName);
            targets.add(atLeast(sqlName, sql, "optilock/raw-jdbc", 0.95, "SQL " + threads + " optilock/raw-jdbc"));
            targets.add(atLeast(sqlName, sql, "optilock/jooq", 1.0, "SQL " + threads + " optilock/jooq"));
            targets.add(atLeast(sqlName, sql, "optilock/hibernate", 1.5, "SQL " + threads + " optilock/hibernate"));
        }
        for (String threads : new String[] {"1t", "8t"}) {
            String cqlName = "cql-update-" + threads;
            ScenarioResult cql = find(scenarios, cqlName);
            targets.add(atLeast(cqlName, cql, "optilock/raw-lwt", 0.95, "CQL " + threads + " optilock/raw-lwt"));
        }
        for (String threads : new String[] {"1t", "8t"}) {
            String clusterName = "cluster-update-" + threads;
            ScenarioResult cluster = find(scenarios, clusterName);
            targets.add(atLeast(clusterName, cluster, "optilock/raw-lwt", 0.95, "cluster " + threads + " optilock/raw-lwt"));
        }
        for (String name : new String[] {"sql-update-1t", "cql-update-1t", "cluster-update-1t"}) {
            ScenarioResult scenario = find(scenarios, name);
            ImplStats optilock = scenario == null || scenario.status != null ? null : scenario.get("optilock");
            double value = optilock == null ? Double.NaN : optilock.statementsPerOp;
            Boolean met = optilock == null || Double.isNaN(value) ? null : Math.abs(value - 1.0) < 0.0005;
            targets.add(new Target(name, "optilock statements per uncontended applied write", "= 1", value, met, null, 0, 0, Double.NaN));
        }
        for (String threads : new String[] {"1t", "8t"}) {
            targets.add(heap("sql-update-" + threads, find(scenarios, "sql-update-" + threads), null, 1024));
            targets.add(heap("cql-update-" + threads, find(scenarios, "cql-update-" + threads), "raw-lwt", 2));
        }
        ScenarioResult hot = find(scenarios, "hot-key-sql");
        ImplStats backoff = hot == null || hot.status != null ? null : hot.get("default");
        ImplStats immediate = hot == null || hot.status != null ? null
                : hot.results.stream().filter(result -> result.impl.startsWith("immediate")).findFirst().orElse(null);
        if (backoff != null && immediate != null) {
            double goodput = backoff.opsPerSec() / immediate.opsPerSec();
            targets.add(new Target(hot.name, "goodput " + backoff.impl + "/" + immediate.impl, ">= 1", goodput, goodput >= 1.0,
                    "hot key goodput " + backoff.impl + "/" + immediate.impl, goodput, 1.0,
                    hot.ratioCi95.getOrDefault(backoff.impl + "/" + immediate.impl, Double.NaN)));
            double p99 = immediate.p99Ms() / backoff.p99Ms();
            targets.add(new Target(hot.name, "p99 " + immediate.impl + "/" + backoff.impl + " (> 1: default has the lower p99)",
                    "> 1", p99, p99 > 1.0, "hot key p99 " + immediate.impl + "/" + backoff.impl, p99, 1.0, Double.NaN));
        } else {
            targets.add(new Target("hot-key-sql", "goodput default/immediate", ">= 1", Double.NaN, null, null, 0, 0, Double.NaN));
            targets.add(new Target("hot-key-sql", "p99 immediate/default", "> 1", Double.NaN, null, null, 0, 0, Double.NaN));
        }
        ScenarioResult clusterHot = find(scenarios, ClusterHotKeyScenario.NAME);
        ImplStats modify = clusterHot == null || clusterHot.status != null ? null : clusterHot.get("optilock-modify");
        for (String figure : new String[] {"unknownToCaller", "lostUpdates"}) {
            Object value = modify == null ? null : modify.extra.get(figure);
            double measured = value instanceof Number number ? number.doubleValue() : Double.NaN;
            targets.add(new Target(ClusterHotKeyScenario.NAME, "optilock-modify " + figure, "= 0", measured,
                    Double.isNaN(measured) ? null : measured == 0, null, 0, 0, Double.NaN));
        }
        return targets;
    }

    private static Target atLeast(String name, ScenarioResult scenario, String ratio, double goal, String label) {
        Double value = scenario == null || scenario.status != null ? null : scenario.ratios.get(ratio);
        if (value == null) return new Target(name, ratio, ">= " + goal, Double.NaN, null, label, Double.NaN, goal, Double.NaN);
        Double control = scenario.ratios.get(CONTROL);
        return new Target(name, ratio, ">= " + goal, value, value >= goal, label, value, goal,
                scenario.ratioCi95.getOrDefault(ratio, Double.NaN), control == null ? Double.NaN : Math.abs(control - 1));
    }

    /**
     * Heap allocated per write by {@code optilock}: at most {@code limit} bytes, or with a {@code baseline}, at most
     * {@code limit} times the baseline's.
     */
    private static Target heap(String name, ScenarioResult scenario, String baseline, double limit) {
        String what = baseline == null ? "optilock heap bytes per write" : "optilock/" + baseline + " heap bytes per write";
        String goal = "<= " + (baseline == null ? String.valueOf((int) limit) : String.valueOf(limit));
        ImplStats optilock = scenario == null || scenario.status != null ? null : scenario.get("optilock");
        ImplStats base = baseline == null || optilock == null ? null : scenario.get(baseline);
        double value = optilock == null ? Double.NaN
                : baseline == null ? optilock.bytesPerOp() : base == null ? Double.NaN : optilock.bytesPerOp() / base.bytesPerOp();
        return new Target(name, what, goal, value, Double.isNaN(value) ? null : value <= limit, null, 0, 0, Double.NaN);
    }

    private static ScenarioResult find(List<ScenarioResult> scenarios, String name) {
        return scenarios.stream().filter(scenario -> scenario.name.equals(name)).findFirst().orElse(null);
    }
}
