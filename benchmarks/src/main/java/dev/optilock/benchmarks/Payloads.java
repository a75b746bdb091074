package dev.optilock.benchmarks;

/** Pre-built payload strings, so that building the value to write allocates nothing in any implementation. */
final class Payloads {
    private static final String[] VALUES = new String[64];

    static {
        for (int i = 0; i < VALUES.length; i++) VALUES[i] = "payload-" + i + "-abcdefghijklmnopqrstuvwxyz".substring(0, 16);
    }

    private Payloads() {
    }

    static String get(long sequence) {
        return VALUES[(int) (sequence & (VALUES.length - 1))];
    }
}
