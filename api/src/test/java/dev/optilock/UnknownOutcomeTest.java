package dev.optilock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Lost responses injected by the reference backend must never look like success or conflict. */
class UnknownOutcomeTest {
    private static final EntitySpec SPEC = EntitySpec.builder("counters").partitionKey("id", ColumnType.TEXT)
            .column("value", ColumnType.BIGINT).version("version", VersionKind.UUID).build();

    @Test
    void should_resolve_or_report_every_lost_response() {
        try (VersionedStore store = VersionedStores.open("optilock:mem:?lostResponseRate=0.3&seed=11")) {
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
            int resolvedNotApplied = 0;
            int unresolved = 0;
            for (int i = 0; i < 300; i++) {
                UUID expected = current.getUuid("version");
                try {
                    current = rows.updateWithVersion(key, expected, Changes.none().increment("value", 1L));
                    confirmed++;
                } catch (OutcomeUnknownException unknown) {
                    if (unknown.resolution() == OutcomeUnknownException.Resolution.NOT_APPLIED) resolvedNotApplied++;
                    else unresolved++;
                    Row after = rows.find(key).orElseThrow();
                    if (unknown.resolution() == OutcomeUnknownException.Resolution.NOT_APPLIED) {
                        assertThat(after.getUuid("version")).isEqualTo(expected);
                    }
                    current = after;
                }
            }
            assertThat(rows.find(key).orElseThrow().getLong("value")).isEqualTo(confirmed);
            assertThat(resolvedNotApplied).isPositive();
            assertThat(unresolved).isZero();
            assertThat(store.counters().unknownOutcomes()).isPositive();
        }
    }
}
