package dev.optilock.cql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.session.Request;
import com.datastax.oss.driver.api.core.tracker.RequestTracker;
import dev.optilock.Changes;
import dev.optilock.ColumnType;
import dev.optilock.EntitySpec;
import dev.optilock.GroupWrite;
import dev.optilock.OptimisticLockException;
import dev.optilock.PrimaryKey;
import dev.optilock.RetryPolicy;
import dev.optilock.Row;
import dev.optilock.StoreOptions;
import dev.optilock.VersionKind;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Counts the statements each operation sends to Cassandra, with a driver {@link RequestTracker} on a session of the
 * test's own (prepared statements are warmed up first; PREPARE requests are not statements and are not counted).
 */
class CqlStatementCountTest {
    private static final EntitySpec COUNTERS = EntitySpec.builder("counted").partitionKey("id", ColumnType.TEXT)
            .column("value", ColumnType.BIGINT).column("note", ColumnType.TEXT).version("version", VersionKind.LONG).build();

    private static final List<String> SENT = new CopyOnWriteArrayList<>();
    /** Per bound statement sent: its text, consistency, serial consistency and idempotence. */
    private static final List<String> ATTRIBUTES = new CopyOnWriteArrayList<>();
    private static CqlSession session;
    private static VersionedStore store;
    private static VersionedRepository<Row, PrimaryKey> rows;

    /** Records the text of every statement each node answered or failed. */
    static final class Counter implements RequestTracker {
        @Override
        public void onNodeSuccess(Request request, long latencyNanos, DriverExecutionProfile profile, Node node, String logPrefix) {
            record(request);
        }

        @Override
        public void onNodeError(Request request, Throwable error, long latencyNanos, DriverExecutionProfile profile, Node node,
                String logPrefix) {
            record(request);
        }

        private static void record(Request request) {
            if (request instanceof BoundStatement bound) {
                SENT.add(bound.getPreparedStatement().getQuery());
                ATTRIBUTES.add(bound.getPreparedStatement().getQuery().split(" ")[0] + " " + bound.getConsistencyLevel() + " "
                        + bound.getSerialConsistencyLevel() + " idempotent=" + bound.isIdempotent());
            }
            if (request instanceof SimpleStatement simple) SENT.add(simple.getQuery());
            if (request instanceof BatchStatement batch) SENT.add("BATCH of " + batch.size() + " IF statements");
        }

        @Override
        public void close() {
        }
    }

    @BeforeAll
    static void open() {
        session = TestCassandra.newSession(builder -> builder.addRequestTracker(new Counter()));
        store = CqlStores.fromSession(session, TestCassandra.server().freshKeyspaceName("count_"), StoreOptions.defaults());
        store.createTable(COUNTERS);
        rows = store.rows(COUNTERS);
        // Warm up: prepare every statement shape used below.
        rows.insert(row("warm"));
        rows.insertIfAbsent(row("warm"));
        Row warm = rows.updateWithVersion(PrimaryKey.of("warm"), 1L, Changes.of("value", 2L).set("note", "n"));
        warm = rows.updateWithVersion(PrimaryKey.of("warm"), warm.getLong("version"), Changes.of("value", 3L));
        rows.updateIfExists(PrimaryKey.of("warm"), Changes.none().increment("value", 1L));
        rows.deleteWithVersion(PrimaryKey.of("warm"), warm.getLong("version") + 1);
        rows.deleteIfExists(PrimaryKey.of("warm"));
    }

    @AfterAll
    static void close() {
        store.close();
        session.close();
    }

    @BeforeEach
    void reset() {
        rows.insert(row("counted-" + System.nanoTime()));
        sent();
    }

    private static Row row(String id) {
        return Row.builder().set("id", id).set("value", 1L).set("note", "a").build();
    }

    /**
     * The statements sent since the last call. The driver calls trackers just after it completes the request's future,
     * so this waits until the count has been stable for 150 ms.
     */
    private static List<String> sent() {
        long deadline = System.nanoTime() + 3_000_000_000L;
        int seen = -1;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            int now = SENT.size();
            if (now != seen) {
                seen = now;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince > 150_000_000L) {
                break;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<String> sent = List.copyOf(SENT);
        SENT.clear();
        return sent;
    }

    private static long lwts(List<String> sent) {
        return sent.stream().filter(cql -> cql.contains(" IF ")).count();
    }

    @Test
    void should_send_writes_as_lwts_that_are_never_retried_and_reads_at_the_serial_consistency() {
        Row inserted = rows.find(PrimaryKey.of("warm-attributes")).orElseGet(() -> rows.insert(row("warm-attributes")));
        rows.updateWithVersion(PrimaryKey.of("warm-attributes"), inserted.getLong("version"), Changes.of("value", 9L));
        sent();
        ATTRIBUTES.clear();
        Row found = rows.find(PrimaryKey.of("warm-attributes")).orElseThrow();
        rows.updateWithVersion(PrimaryKey.of("warm-attributes"), found.getLong("version"), Changes.of("value", 10L).set("note", "b"));
        sent();
        assertThat(ATTRIBUTES).containsExactly("SELECT SERIAL null idempotent=true", "UPDATE LOCAL_QUORUM SERIAL idempotent=false");
    }

    @Test
    void should_send_one_serial_read_and_one_conditional_batch_for_a_group_of_any_size() {
        EntitySpec spec = EntitySpec.builder("counted_bins").partitionKey("warehouse", ColumnType.TEXT)
                .clusteringKey("bin", ColumnType.TEXT).column("units", ColumnType.BIGINT).version("version", VersionKind.LONG).build();
        store.createTable(spec);
        VersionedRepository<Row, PrimaryKey> bins = store.rows(spec);
        for (String warehouse : new String[] {"warm", "measured"}) {
            sent();
            List<GroupWrite<Row, PrimaryKey>> inserts = new java.util.ArrayList<>();
            List<GroupWrite<Row, PrimaryKey>> updates = new java.util.ArrayList<>();
            for (String bin : new String[] {"a", "b", "c"}) {
                inserts.add(GroupWrite.insert(Row.builder().set("warehouse", warehouse).set("bin", bin).set("units", 1L).build()));
                updates.add(GroupWrite.updateWithVersion(PrimaryKey.of(warehouse, bin), 1L, Changes.none().increment("units", 1L)));
            }
            assertThat(bins.applyAtomically(inserts).applied()).isTrue();
            List<String> sentForInserts = sent();
            assertThat(bins.applyAtomically(updates).applied()).isTrue();
            List<String> sentForUpdates = sent();
            if (warehouse.equals("warm")) continue;
            for (List<String> sent : List.of(sentForInserts, sentForUpdates)) {
                assertThat(sent).as("statements sent: %s", sent).hasSize(2);
                assertThat(sent.get(0)).startsWith("SELECT").contains("\"bin\" IN (?, ?, ?)");
                assertThat(sent.get(1)).isEqualTo("BATCH of 3 IF statements");
            }
        }
    }

    @Test
    void should_send_one_lwt_and_nothing_else_for_an_uncontended_versioned_update_of_every_column() {
        rows.insert(row("one"));
        sent();
        Row updated = rows.updateWithVersion(PrimaryKey.of("one"), 1L, Changes.of("value", 2L).set("note", "b"));
        List<String> sent = sent();
        assertThat(sent).as("statements sent: %s", sent).hasSize(1);
        assertThat(sent.get(0)).startsWith("UPDATE").contains("IF \"version\" = ?");
        assertThat(updated.getLong("version")).isEqualTo(2L);
    }

    @Test
    void should_send_one_serial_read_and_one_lwt_for_an_uncontended_versioned_update_of_some_columns() {
        rows.insert(row("two"));
        sent();
        Row updated = rows.updateWithVersion(PrimaryKey.of("two"), 1L, Changes.of("value", 2L));
        List<String> sent = sent();
        assertThat(sent).as("statements sent: %s", sent).hasSize(2);
        assertThat(sent.get(0)).startsWith("SELECT");
        assertThat(lwts(sent)).isEqualTo(1);
        assertThat(updated.getString("note")).isEqualTo("a");
    }

    @Test
    void should_send_one_lwt_for_a_partial_update_of_an_entity_as_read_and_a_read_and_one_lwt_for_modify() {
        Row read = rows.insert(row("entity"));
        sent();
        Row updated = rows.updateWithVersion(read, Changes.of("value", 2L));
        List<String> sent = sent();
        assertThat(sent).as("statements sent: %s", sent).hasSize(1);
        assertThat(sent.get(0)).startsWith("UPDATE").contains("IF ");
        assertThat(updated).isEqualTo(rows.find(PrimaryKey.of("entity")).orElseThrow());
        assertThat(updated.getString("note")).isEqualTo("a");
        sent();

        Row modified = rows.modify(PrimaryKey.of("entity"), row -> Changes.none().increment("value", 5L), RetryPolicy.DEFAULT);
        List<String> sentByModify = sent();
        assertThat(sentByModify).as("statements sent: %s", sentByModify).hasSize(2);
        assertThat(sentByModify.get(0)).startsWith("SELECT");
        assertThat(sentByModify.get(1)).startsWith("UPDATE").contains("IF ");
        assertThat(modified.getLong("value")).isEqualTo(7L);
        assertThat(modified).isEqualTo(rows.find(PrimaryKey.of("entity")).orElseThrow());
    }

    @Test
    void should_send_one_statement_for_inserts_finds_deletes_and_stale_partial_updates() {
        rows.insert(row("three"));
        assertThat(sent()).hasSize(1);
        assertThat(rows.insertIfAbsent(row("three")).existing()).isPresent();
        assertThat(sent()).as("the rejected INSERT returns the whole row").hasSize(1);
        rows.find(PrimaryKey.of("three"));
        assertThat(sent()).hasSize(1);
        assertThatThrownBy(() -> rows.updateWithVersion(PrimaryKey.of("three"), 7L, Changes.of("value", 2L)))
                .isInstanceOfSatisfying(OptimisticLockException.class, e -> assertThat(e.currentEntity()).isPresent());
        assertThat(sent()).as("the read shows the conflict and the whole row; no LWT").hasSize(1);
        assertThatThrownBy(() -> rows.updateWithVersion(PrimaryKey.of("three"), 7L, Changes.of("value", 2L).set("note", "c")))
                .isInstanceOfSatisfying(OptimisticLockException.class, e -> assertThat(e.currentEntity()).isPresent());
        List<String> staleWhole = sent();
        assertThat(staleWhole).as("the rejected LWT carries the version, the API layer reads the row: %s", staleWhole).hasSize(2);
        rows.deleteWithVersion(PrimaryKey.of("three"), 1L);
        assertThat(sent()).hasSize(1);
        assertThat(rows.deleteIfExists(PrimaryKey.of("three"))).isFalse();
        assertThat(sent()).hasSize(1);
    }

    @Test
    void should_send_a_serial_read_and_one_lwt_for_increments_and_updates_that_advance_an_unknown_version() {
        rows.insert(row("four"));
        sent();
        rows.updateIfExists(PrimaryKey.of("four"), Changes.none().increment("value", 5L));
        List<String> sent = sent();
        assertThat(sent).as("statements sent: %s", sent).hasSize(2);
        assertThat(lwts(sent)).isEqualTo(1);
    }
}
