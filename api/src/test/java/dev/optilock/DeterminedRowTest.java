package dev.optilock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optilock.spi.Assignment;
import dev.optilock.spi.semantics.Assignments;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link Assignments#determined}: the row after a write, known without reading it, or null. */
class DeterminedRowTest {
    private static final EntitySpec SPEC = EntitySpec.builder("items")
            .partitionKey("id", ColumnType.TEXT)
            .column("name", ColumnType.TEXT)
            .column("price", ColumnType.DECIMAL)
            .version("version", VersionKind.LONG)
            .build();
    private static final PrimaryKey KEY = PrimaryKey.of("a");

    @Test
    void should_build_the_row_from_the_key_the_values_and_the_pinned_columns() {
        Row row = Assignments.determined(SPEC, KEY, List.of(set("name", "x"), set("price", new BigDecimal("1.50")), set("version", 2L)),
                Condition.equalTo("version", 1L));
        assertThat(row).isEqualTo(Row.of(java.util.Map.of("id", "a", "name", "x", "price", new BigDecimal("1.50"), "version", 2L)));

        Row pinned = Assignments.determined(SPEC, KEY, List.of(set("price", BigDecimal.ONE), set("version", 2L)),
                Condition.all(Condition.equalTo("version", 1L), Condition.in("name", "y")));
        assertThat(pinned.get("name")).isEqualTo("y");
        Row pinnedNull = Assignments.determined(SPEC, KEY, List.of(set("price", BigDecimal.ONE), set("version", 2L)),
                Condition.isNull("name"));
        assertThat(pinnedNull.has("name")).isTrue();
        assertThat(pinnedNull.get("name")).isNull();
    }

    @Test
    void should_take_the_last_assignment_and_a_uuid_version_candidate() {
        EntitySpec uuidVersioned = EntitySpec.builder("tags").partitionKey("id", ColumnType.TEXT).column("name", ColumnType.TEXT)
                .version("version", VersionKind.UUID).build();
        UUID candidate = UUID.randomUUID();
        Row row = Assignments.determined(uuidVersioned, KEY, List.of(set("name", "first"), set("name", "last"),
                new Assignment.NextVersion("version", VersionKind.UUID, candidate)), Condition.always());
        assertThat(row.get("name")).isEqualTo("last");
        assertThat(row.get("version")).isEqualTo(candidate);
    }

    @Test
    void should_not_determine_a_row_that_depends_on_its_current_values() {
        // a column neither set nor pinned
        assertThat(Assignments.determined(SPEC, KEY, List.of(set("name", "x"), set("version", 2L)), Condition.always())).isNull();
        // an ordering comparison pins nothing
        assertThat(Assignments.determined(SPEC, KEY, List.of(set("price", BigDecimal.ONE), set("version", 2L)),
                Condition.greaterThan("name", "m"))).isNull();
        // an increment, a LONG next version
        assertThat(Assignments.determined(SPEC, KEY, List.of(set("name", "x"), set("price", BigDecimal.ONE),
                new Assignment.Increment("version", 1L)), Condition.always())).isNull();
        assertThat(Assignments.determined(SPEC, KEY, List.of(set("name", "x"), set("price", BigDecimal.ONE),
                new Assignment.NextVersion("version", VersionKind.LONG, null)), Condition.always())).isNull();
        // a set value followed by an increment of the same column
        assertThat(Assignments.determined(SPEC, KEY, List.of(set("name", "x"), set("price", BigDecimal.ONE), set("version", 2L),
                new Assignment.Increment("version", 1L)), Condition.always())).isNull();
        // a decimal is never taken from a condition (1.5 = 1.50, with another scale)
        assertThat(Assignments.determined(SPEC, KEY, List.of(set("name", "x"), set("version", 2L)),
                Condition.equalTo("price", new BigDecimal("1.5")))).isNull();
    }

    private static Assignment set(String column, Object value) {
        return new Assignment.SetValue(column, value);
    }
}
