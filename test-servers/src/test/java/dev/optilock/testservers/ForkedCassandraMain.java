package dev.optilock.testservers;

/**
 * Run in a separate JVM by {@link CassandraChildDiesWithParentTest}: starts the shared Cassandra, prints its pid and
 * waits to be killed.
 */
public final class ForkedCassandraMain {

    private ForkedCassandraMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        CassandraServer server = CassandraServer.shared();
        System.out.println("SOURCE=" + server.source());
        System.out.println("CASSANDRA_PID=" + server.processId());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
