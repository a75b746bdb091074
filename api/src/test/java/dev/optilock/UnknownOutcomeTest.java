package dev.optilock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Lost responses injected by the reference backend must never look like success or conflict. */
class UnknownOutcomeTest {
    private static final EntitySpec SPEC = EntitySpec.builder("counters").partitionKey("id", ColumnType.TEXT)
            .column("value", ColumnType.BIGINT).version("version", VersionKind.UUID).build();

    @Test
    void should_settle_every_lost_response_when_rows_carry_write_identities() {
        assertEveryLostResponseSettled(11, current -> Changes.none().increment("value", 1L));
    }

    @Test
    void should_settle_every_lost_response_of_a_write_the_backend_prepared() {
        // A set value naming every column: the write goes through the backend's prepared set.
        assertEveryLostResponseSettled(12, current -> Changes.of("value", current.getLong("value") + 1));
    }

    /** 300 versioned writes that each add 1, 30 % of their responses lost: every one is settled, none applied twice. */
    private static void assertEveryLostResponseSettled(int seed, Function<Row, Changes> plusOne) {
        try (VersionedStore store = VersionedStores.open("optilock:mem:?lostResponseRate=0.3&seed=" + seed)) {
            store.createTable(SPEC);
            VersionedRepository<Row, PrimaryKey> rows = store.rows(SPEC);
            PrimaryKey key = PrimaryKey.of("c");
            Row current = rows.insert(Row.builder().set("id", "c").set("value", 0L).build());
            for (int i = 0; i < 300; i++) {
                current = rows.updateWithVersion(key, current.getUuid("version"), plusOne.apply(current));
            }
            assertThat(current.getLong("value")).isEqualTo(300L);
            assertThat(rows.find(key).orElseThrow()).isEqualTo(current);
            assertThat(store.counters().unknownOutcomes()).isZero();
            assertThat(store.counters().settledOutcomes()).isPositive();
            assertThat(store.counters().applied()).isEqualTo(301L);
        }
    }

    @Test
    void should_report_lost_responses_as_unknown_unless_the_row_proves_them_applied_without_write_identities() {
        StoreOptions withoutIdentities = StoreOptions.builder().writeIdentities(false).build();
        try (VersionedStore store = VersionedStores.open("optilock:mem:?lostResponseRate=0.3&seed=11", withoutIdentities)) {
            store.createTable(SPEC);
            VersionedRepository<Row, PrimaryKey> rows = store.rows(SPEC);
            PrimaryKey key = PrimaryKey.of("c");
            Row current = null;
            while (current == null) {
                try {
                    current = rows.insert(Row.builder().set("id", "c").set("value", 0L).build());
                } catch (OutcomeUnknownException unknown) {
                    current = rows.find(key).orElse(null);
                }
            }
            long confirmed = 0;
            int unresolved = 0;
            for (int i = 0; i < 300; i++) {
                UUID expected = current.getUuid("version");
                try {
                    current = rows.updateWithVersion(key, expected, Changes.none().increment("value", 1L));
                    confirmed++;
                } catch (OutcomeUnknownException unknown) {
                    assertThat(unknown.resolution()).isEqualTo(OutcomeUnknownException.Resolution.UNKNOWN);
                    unresolved++;
                    Row after = rows.find(key).orElseThrow();
                    if (!after.getUuid("version").equals(expected)) confirmed++;
                    current = after;
                }
            }
            assertThat(rows.find(key).orElseThrow().getLong("value")).isEqualTo(confirmed);
            assertThat(unresolved).isPositive();
            assertThat(store.capabilities().has(Capability.WRITE_IDENTITY)).isFalse();
            assertThat(store.counters().unknownOutcomes()).isEqualTo(unresolved);
        }
    }
}
