package dev.optilock.examples.registry;

/** The registry API contract on the default backend: embedded PostgreSQL (or OPTILOCK_TEST_POSTGRES_URL). */
class RegistryApiPostgresTest extends RegistryApiContract {
    @Override
    String backend() {
        return "postgres";
    }
}
