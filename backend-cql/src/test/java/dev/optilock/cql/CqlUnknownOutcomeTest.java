package dev.optilock.cql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.optilock.BackendUnavailableException;
import dev.optilock.Changes;
import dev.optilock.ColumnType;
import dev.optilock.EntitySpec;
import dev.optilock.OutcomeUnknownException;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.StoreOptions;
import dev.optilock.VersionKind;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedStore;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A real fault: the Cassandra server process is paused with SIGSTOP while writes are in flight, then resumed.
 */
class CqlUnknownOutcomeTest {
    private static final EntitySpec SPEC = EntitySpec.builder("stalled").partitionKey("id", ColumnType.TEXT)
            .column("value", ColumnType.BIGINT).column("note", ColumnType.TEXT).version("version", VersionKind.UUID).build();

    @Test
    void should_report_writes_in_flight_during_a_server_stall_as_unknown_never_as_success_or_conflict() throws Exception {
        assumeTrue(TestCassandra.server().source().equals("embedded"),
                "needs the embedded server to pause its process; source is " + TestCassandra.server().source());
        String keyspace = TestCassandra.server().freshKeyspaceName("stall_");
        StoreOptions shortTimeout = StoreOptions.builder().timeout(Duration.ofSeconds(2)).build();
        try (VersionedStore store = TestCassandra.store(keyspace, shortTimeout)) {
            store.createTable(SPEC);
            VersionedRepository<Row, PrimaryKey> rows = store.rows(SPEC);
            PrimaryKey key = PrimaryKey.of("a");
            Row inserted = rows.insert(Row.builder().set("id", "a").set("value", -1L).set("note", "inserted").build());
            // Prepare every statement shape used below while the server runs: a PREPARE that times out sends no write.
            Row original = rows.updateWithVersion(key, inserted.getUuid("version"), Changes.of("value", 0L).set("note", "start"));
            UUID expected = original.getUuid("version");
            rows.find(key);
            long pid = TestCassandra.server().processId();

            Throwable update;
            Throwable insert;
            Throwable readFirst;
            signal("STOP", pid);
            try {
                update = catchThrowable(() -> rows.updateWithVersion(key, expected, Changes.of("value", 1L).set("note", "stalled")));
                insert = catchThrowable(() -> rows.insert(Row.builder().set("id", "b").set("value", 7L).build()));
                readFirst = catchThrowable(() -> rows.updateWithVersion(key, expected, Changes.of("value", 2L)));
            } finally {
                signal("CONT", pid);
            }

            assertThat(update).as("a versioned LWT in flight").isInstanceOfSatisfying(OutcomeUnknownException.class, unknown -> {
                assertThat(unknown.resolution()).as("the resolving read timed out as well").isEqualTo(OutcomeUnknownException.Resolution.UNKNOWN);
                assertThat(unknown.key()).isEqualTo(key);
            });
            assertThat(insert).as("an INSERT IF NOT EXISTS in flight").isInstanceOf(OutcomeUnknownException.class);
            assertThat(readFirst).as("an update that reads first fails before any LWT is sent")
                    .isInstanceOf(BackendUnavailableException.class);

            // The paused server may still run the queued LWT after it resumes: wait until it has, or until it clearly did not.
            Row after = rows.find(key).orElseThrow();
            long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            while (after.getUuid("version").equals(expected) && System.nanoTime() < deadline) {
                Thread.sleep(200);
                after = rows.find(key).orElseThrow();
            }
            System.out.println("[stall] update: " + update.getMessage() + "\n[stall] insert: " + insert.getMessage()
                    + "\n[stall] read-first update: " + readFirst.getMessage()
                    + "\n[stall] the stalled LWT was applied after the server resumed: " + !after.getUuid("version").equals(expected));
            if (after.getUuid("version").equals(expected)) {
                assertThat(after).as("not applied: untouched").isEqualTo(original);
                Row retried = rows.updateWithVersion(key, expected, Changes.of("value", 1L).set("note", "retried"));
                assertThat(retried.getLong("value")).isEqualTo(1L);
            } else {
                assertThat(after.getLong("value")).as("applied: exactly the stalled write").isEqualTo(1L);
                assertThat(after.getString("note")).isEqualTo("stalled");
                Row next = rows.updateWithVersion(key, after.getUuid("version"), Changes.of("value", 3L));
                assertThat(next.getString("note")).isEqualTo("stalled");
            }
            assertThat(rows.insertIfAbsent(Row.builder().set("id", "c").build()).applied()).as("the store works again").isTrue();
        }
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -%s %d", signal, pid).isZero();
    }
}
