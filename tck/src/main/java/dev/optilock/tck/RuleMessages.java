package dev.optilock.tck;

/** Builds failure messages that name the rule, its statement and the seed to reproduce it. */
final class RuleMessages {
    private RuleMessages() {
    }

    static String rule(String id, long seed) {
        Rule rule = Rule.byId(id);
        return "TCK rule " + rule.id() + " (" + rule.statement() + ") broke; seed " + seed;
    }
}
