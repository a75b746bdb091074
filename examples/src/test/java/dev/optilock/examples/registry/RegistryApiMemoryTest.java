package dev.optilock.examples.registry;

/** The registry API contract on the in-memory reference backend. */
class RegistryApiMemoryTest extends RegistryApiContract {
    @Override
    String backend() {
        return "memory";
    }
}
