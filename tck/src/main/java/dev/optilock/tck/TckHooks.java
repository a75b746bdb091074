package dev.optilock.tck;

/** Gives the rule interfaces access to the fixture of the running test. */
public interface TckHooks {
    /** The fixture of the current test: stores, table names, seed. */
    TckFixture tck();
}
