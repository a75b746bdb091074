package dev.optilock.examples.registry;

/** The registry API contract on Cassandra (embedded Cassandra 5.0 in a child JVM, shared by the tests of this JVM). */
class RegistryApiCassandraTest extends RegistryApiContract {
    @Override
    String backend() {
        return "cassandra";
    }
}
