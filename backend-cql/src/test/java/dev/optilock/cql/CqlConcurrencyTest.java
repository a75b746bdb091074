package dev.optilock.cql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optilock.Changes;
import dev.optilock.ColumnType;
import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.StoreOptions;
import dev.optilock.VersionKind;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Races on one row: single winners, insert races, increments that are never lost. */
class CqlConcurrencyTest {
    private static final EntitySpec COUNTERS = EntitySpec.builder("race_counters").partitionKey("id", ColumnType.TEXT)
            .column("value", ColumnType.BIGINT).column("note", ColumnType.TEXT).version("version", VersionKind.LONG).build();

    private static VersionedStore store;
    private static VersionedRepository<Row, PrimaryKey> rows;
    private static ExecutorService pool;

    @BeforeAll
    static void createTable() {
        store = TestCassandra.store(TestCassandra.server().freshKeyspaceName("race_"), StoreOptions.defaults());
        store.createTable(COUNTERS);
        rows = store.rows(COUNTERS);
        pool = Executors.newFixedThreadPool(16);
    }

    @AfterAll
    static void close() {
        pool.shutdownNow();
        store.close();
    }

    /** Runs {@code threads} copies of {@code task}, released together, and returns their results or failures. */
    private static <T> List<Object> race(int threads, Callable<T> task) throws Exception {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return task.call();
            }));
        }
        ready.await();
        go.countDown();
        List<Object> outcomes = new ArrayList<>();
        for (Future<T> future : futures) {
            try {
                outcomes.add(future.get(60, TimeUnit.SECONDS));
            } catch (java.util.concurrent.ExecutionException failed) {
                outcomes.add(failed.getCause());
            }
        }
        return outcomes;
    }

    @Test
    void should_not_lose_concurrent_increments() throws Exception {
        rows.insert(Row.builder().set("id", "hot").set("value", 0L).build());
        int threads = 8;
        int perThread = 15;
        List<Object> outcomes = race(threads, () -> {
            for (int i = 0; i < perThread; i++) {
                assertThat(rows.updateIfExists(PrimaryKey.of("hot"), Changes.none().increment("value", 1L)).applied()).isTrue();
            }
            return "done";
        });
        assertThat(outcomes).containsOnly("done");
        Row hot = rows.find(PrimaryKey.of("hot")).orElseThrow();
        assertThat(hot.getLong("value")).isEqualTo(threads * perThread);
        assertThat(hot.getLong("version")).isEqualTo(1L + threads * perThread);
    }
}
