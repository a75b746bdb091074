package dev.optilock.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optilock.Changes;
import dev.optilock.Condition;
import dev.optilock.ContentionException;
import dev.optilock.ColumnType;
import dev.optilock.EntitySpec;
import dev.optilock.OptimisticLockException;
import dev.optilock.PrimaryKey;
import dev.optilock.RetryPolicy;
import dev.optilock.Row;
import dev.optilock.VersionKind;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedStore;
import dev.optilock.VersionedStores;
import dev.optilock.spi.Assignment;
import dev.optilock.spi.Backend;
import dev.optilock.spi.WriteOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecordedCountersTest {
    private final VersionedStore store = VersionedStores.open("optilock:mem:recorded-counters-" + java.util.UUID.randomUUID());
    private final EntitySpec spec = EntitySpec.builder("counters").partitionKey("id", ColumnType.TEXT)
            .column("value", ColumnType.BIGINT).column("note", ColumnType.TEXT).version("version", VersionKind.LONG).build();

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void should_record_every_call_with_what_it_returned_and_export_the_documented_format() throws Exception {
        store.createTable(spec);
        RecordedCounters counters = new RecordedCounters(store.rows(spec), new History());
        counters.insert("p", "a", 0L);
        counters.incrementIfExists("p", "a");
        counters.modifyIncrement("q", "a", RetryPolicy.NONE);
        assertThatThrownBy(() -> counters.updateWithVersion("q", "a", 1L, 9L)).isInstanceOf(OptimisticLockException.class);
        assertThat(counters.incrementBelow("p", "a", 2L).applied()).isFalse();
        assertThat(counters.deleteIfExists("p", "a")).isTrue();
        assertThat(counters.find("q", "a")).isEmpty();

        assertThat(counters.history().entries()).extracting(History.Entry::description).containsExactly(
                "p.0 insert(0) -> applied row(v=1, value=0)",
                "p.1 increment-if-exists -> row(v=2, value=1)",
                "q.0 increment -> row(v=3, value=2)",
                "q.1 update@1(9) -> conflict, actual 3",
                "p.2 increment-if value<2 -> not applied, row(v=3, value=2)",
                "p.3 deleteIfExists -> true",
                "q.2 read -> absent");
        assertThat(LinearizabilityChecker.check(counters.history()).linearizable()).isTrue();

        Path file = HistoryExport.write("recorded-counters-test", "x", 7, counters.history());
        String json = Files.readString(file);
        assertThat(json).contains("\"rule\": \"x\"", "\"seed\": 7",
                "{\"process\": \"q\", \"key\": \"a\", \"invoke\": ",
                "\"status\": \"ok\", \"operation\": \"update@1(9)\", \"outcome\": \"conflict, actual 3\"}");
    }

    @Test
    void should_fail_the_check_when_a_row_changed_outside_what_the_history_shows() {
        store.createTable(spec);
        VersionedRepository<Row, PrimaryKey> rows = store.rows(spec);
        RecordedCounters counters = new RecordedCounters(rows, new History());
        counters.insert("p", "a", 0L);
        rows.updateWithVersion(PrimaryKey.of("a"), 1L, Changes.of("value", 5L)); // not recorded: as a lost write would look
        counters.incrementIfExists("p", "a");

        LinearizabilityChecker.Result result = LinearizabilityChecker.check(counters.history());
        assertThat(result.linearizable()).isFalse();
        assertThat(result.explanation()).contains("p.1 increment-if-exists -> row(v=3, value=6)");
    }

    @Test
    void should_leave_no_operation_for_a_write_that_gave_up_and_catch_one_that_wrote_after_all() {
        for (boolean writesFirst : new boolean[] {false, true}) {
            Backend reference = BrokenBackends.reference("gives-up-" + writesFirst + "-" + java.util.UUID.randomUUID());
            try (VersionedStore givingUp = BrokenBackends.store(new GivesUpOnUpdates(reference, writesFirst),
                    dev.optilock.StoreOptions.defaults())) {
                givingUp.createTable(spec);
                RecordedCounters counters = new RecordedCounters(givingUp.rows(spec), new History());
                counters.insert("p", "a", 0L);
                assertThatThrownBy(() -> counters.updateBelow("p", "a", 10L, 7L)).isInstanceOf(ContentionException.class);
                counters.find("q", "a");

                assertThat(counters.history().entries()).extracting(History.Entry::description)
                        .noneMatch(description -> description.contains("update-if"));
                assertThat(LinearizabilityChecker.check(counters.history()).linearizable())
                        .as("writes before giving up: " + writesFirst).isEqualTo(!writesFirst);
                if (!writesFirst) {
                    History mixed = new MixedWorkload(givingUp.rows(spec), List.of("m0", "m1")).run(2, 40, 7L);
                    assertThat(LinearizabilityChecker.check(mixed).linearizable()).as("a mixed workload that met give-ups").isTrue();
                }
            }
        }
    }

    /** Reports {@link ContentionException} for every update, after applying it when {@code writesFirst}. */
    private static final class GivesUpOnUpdates extends BrokenBackends.Delegating {
        private final boolean writesFirst;

        GivesUpOnUpdates(Backend delegate, boolean writesFirst) {
            super(delegate);
            this.writesFirst = writesFirst;
        }

        @Override
        public WriteOutcome update(EntitySpec spec, PrimaryKey key, List<Assignment> assignments, Condition condition) {
            if (writesFirst) delegate.update(spec, key, assignments, condition);
            throw new ContentionException(spec.table(), key, "gave up");
        }
    }
}
