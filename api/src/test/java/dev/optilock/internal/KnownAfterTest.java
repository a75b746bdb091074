package dev.optilock.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optilock.ColumnType;
import dev.optilock.Condition;
import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.VersionKind;
import dev.optilock.spi.Assignment;
import dev.optilock.spi.semantics.Assignments;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link KnownAfter} decides, once per shape, what {@link Assignments#determined} decides for the write the store
 * sends: the same row where the set values name every column, and nothing where they do not.
 */
class KnownAfterTest {
    private static final EntitySpec ITEM = EntitySpec.builder("item")
            .partitionKey("id", ColumnType.BIGINT)
            .column("payload", ColumnType.TEXT)
            .column("size", ColumnType.INT)
            .version("version", VersionKind.LONG)
            .build();
    private static final EntitySpec SOFT = EntitySpec.builder("soft")
            .partitionKey("id", ColumnType.BIGINT)
            .column("payload", ColumnType.TEXT)
            .version("version", VersionKind.LONG)
            .softDelete("deleted_at")
            .build();
    private static final PrimaryKey KEY = PrimaryKey.of(7L);
    private static final UUID IDENTITY = new UUID(1, 2);

    @Test
    void should_know_the_row_when_the_set_values_name_every_column() {
        List<String> columns = List.of("payload", "size", "version", WriteIdentity.WRITE);
        Object[] values = {"p", 3, 5L, IDENTITY};

        Row known = rowAfter(ITEM, null, columns, values);

        assertThat(known).isEqualTo(Row.builder().set("id", 7L).set("payload", "p").set("size", 3).set("version", 5L).build());
        assertThat(known).isEqualTo(entityColumns(ITEM, determined(ITEM, columns, values, null)));
    }

    @Test
    void should_keep_a_null_set_value() {
        Row known = rowAfter(ITEM, null, List.of("payload", "size", "version"), new Object[] {null, 3, 5L});

        assertThat(known.asMap()).containsEntry("payload", null);
    }

    @Test
    void should_not_know_the_row_when_a_column_is_neither_set_nor_pinned() {
        List<String> columns = List.of("payload", "version", WriteIdentity.WRITE);

        assertThat(new KnownAfter(ITEM, null).places(columns)).isNull();
        assertThat(determined(ITEM, columns, new Object[] {"p", 5L, IDENTITY}, null)).isNull();
    }

    @Test
    void should_leave_a_column_set_twice_or_a_key_to_the_general_path() {
        assertThat(new KnownAfter(ITEM, null).places(List.of("payload", "size", "payload", "version"))).isNull();
        assertThat(new KnownAfter(ITEM, null).places(List.of("id", "payload", "size", "version"))).isNull();
    }

    @Test
    void should_take_the_soft_delete_column_the_guard_pins_to_null() {
        List<String> columns = List.of("payload", "version");
        Object[] values = {"p", 5L};
        Condition guard = Condition.equalTo("version", 4L).and(Condition.isNull("deleted_at"));

        Row known = rowAfter(SOFT, "deleted_at", columns, values);

        assertThat(known.asMap()).containsEntry("deleted_at", null);
        assertThat(known).isEqualTo(determined(SOFT, columns, values, guard));
    }

    @Test
    void should_not_pin_the_soft_delete_column_of_a_view_that_sees_deleted_rows() {
        List<String> columns = List.of("payload", "version");

        assertThat(new KnownAfter(SOFT, null).places(columns)).isNull();
        assertThat(determined(SOFT, columns, new Object[] {"p", 5L}, null)).isNull();
    }

    @Test
    void should_prefer_a_set_soft_delete_value_to_the_guard() {
        java.time.Instant now = java.time.Instant.ofEpochMilli(1_000);
        List<String> columns = List.of("payload", "deleted_at", "version");
        Object[] values = {"p", now, 5L};
        Condition guard = Condition.equalTo("version", 4L).and(Condition.isNull("deleted_at"));

        Row known = rowAfter(SOFT, "deleted_at", columns, values);

        assertThat(known.asMap()).containsEntry("deleted_at", now);
        assertThat(known).isEqualTo(determined(SOFT, columns, values, guard));
    }

    @Test
    void should_leave_an_entity_of_63_columns_or_more_to_the_general_path() {
        EntitySpec.Builder wide = EntitySpec.builder("wide").partitionKey("id", ColumnType.BIGINT).version("version", VersionKind.LONG);
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < 61; i++) {
            wide.column("c" + i, ColumnType.INT);
            columns.add("c" + i);
        }
        columns.add("version");
        assertThat(new KnownAfter(wide.build(), null).places(columns)).hasSize(62); // 63 columns: the widest this path takes
        wide.column("c61", ColumnType.INT);
        columns.add(0, "c61");
        assertThat(new KnownAfter(wide.build(), null).places(columns)).isNull();
    }

    /** The row {@link KnownAfter} knows after set values of {@code columns}, on the row with {@link #KEY}. */
    private static Row rowAfter(EntitySpec spec, String pinnedNull, List<String> columns, Object[] values) {
        KnownAfter knownAfter = new KnownAfter(spec, pinnedNull);
        int[] places = knownAfter.places(columns);
        assertThat(places).as("places of " + columns).isNotNull();
        return Row.of(spec.columnNames(), knownAfter.of(KEY, places, values));
    }

    /** What the normative semantics say of the same write, on the entity's columns. */
    private static Row determined(EntitySpec spec, List<String> columns, Object[] values, Condition guard) {
        List<Assignment> entityColumns = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (spec.column(columns.get(i)).isPresent()) entityColumns.add(new Assignment.SetValue(columns.get(i), values[i]));
        }
        return Assignments.determined(spec, KEY, entityColumns, guard == null ? Condition.equalTo("version", 4L) : guard);
    }

    private static Row entityColumns(EntitySpec spec, Row row) {
        Row.Builder builder = Row.builder();
        for (String column : spec.columnNames()) builder.set(column, row.asMap().get(column));
        return builder.build();
    }
}
