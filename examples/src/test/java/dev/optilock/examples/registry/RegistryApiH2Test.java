package dev.optilock.examples.registry;

/** The registry API contract on H2 (SQL backend, in this JVM). */
class RegistryApiH2Test extends RegistryApiContract {
    @Override
    String backend() {
        return "h2";
    }
}
