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
 * {@link KnownAfter} decides, per call, what {@link Assignments#determined} decides for the write the store sends: the
 * same row where the set values name every column, and nothing where they do not.
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
        List<Assignment> write = assignments(set("payload", "p"), set("size", 3), set("version", 5L), set(WriteIdentity.WRITE, IDENTITY));

        Row known = new KnownAfter(ITEM, null).of(KEY, write);

        assertThat(known).isEqualTo(Row.builder().set("id", 7L).set("payload", "p").set("size", 3).set("version", 5L).build());
        assertThat(known).isEqualTo(entityColumns(ITEM, determined(ITEM, write, null)));
    }

    @Test
    void should_keep_a_null_set_value() {
        List<Assignment> write = assignments(set("payload", null), set("size", 3), set("version", 5L));

        assertThat(new KnownAfter(ITEM, null).of(KEY, write).asMap()).containsEntry("payload", null);
    }

    @Test
    void should_not_know_the_row_when_a_column_is_neither_set_nor_pinned() {
        List<Assignment> write = assignments(set("payload", "p"), set("version", 5L), set(WriteIdentity.WRITE, IDENTITY));

        assertThat(new KnownAfter(ITEM, null).of(KEY, write)).isNull();
    }

    @Test
    void should_not_know_the_row_after_an_increment() {
        List<Assignment> write = assignments(set("payload", "p"), new Assignment.Increment("size", 1), set("version", 5L));

        assertThat(new KnownAfter(ITEM, null).of(KEY, write)).isNull();
    }

    @Test
    void should_leave_a_column_assigned_twice_to_the_general_path() {
        List<Assignment> write = assignments(set("payload", "p"), set("size", 3), set("payload", "q"), set("version", 5L));

        assertThat(new KnownAfter(ITEM, null).of(KEY, write)).isNull();
    }

    @Test
    void should_take_the_soft_delete_column_the_guard_pins_to_null() {
        List<Assignment> write = assignments(set("payload", "p"), set("version", 5L));
        Condition guard = Condition.equalTo("version", 4L).and(Condition.isNull("deleted_at"));

        Row known = new KnownAfter(SOFT, "deleted_at").of(KEY, write);

        assertThat(known.asMap()).containsEntry("deleted_at", null);
        assertThat(known).isEqualTo(determined(SOFT, write, guard));
    }

    @Test
    void should_not_pin_the_soft_delete_column_of_a_view_that_sees_deleted_rows() {
        List<Assignment> write = assignments(set("payload", "p"), set("version", 5L));

        assertThat(new KnownAfter(SOFT, null).of(KEY, write)).isNull();
        assertThat(determined(SOFT, write, Condition.equalTo("version", 4L))).isNull();
    }

    @Test
    void should_prefer_a_set_soft_delete_value_to_the_guard() {
        java.time.Instant now = java.time.Instant.ofEpochMilli(1_000);
        List<Assignment> write = assignments(set("payload", "p"), set("deleted_at", now), set("version", 5L));
        Condition guard = Condition.equalTo("version", 4L).and(Condition.isNull("deleted_at"));

        Row known = new KnownAfter(SOFT, "deleted_at").of(KEY, write);

        assertThat(known.asMap()).containsEntry("deleted_at", now);
        assertThat(known).isEqualTo(determined(SOFT, write, guard));
    }

    @Test
    void should_hand_the_checked_list_to_set_as_its_set_values() {
        List<Assignment> write = assignments(set("payload", "p"), set("size", 3), set("version", 5L));

        assertThat(KnownAfter.values(write)).isSameAs(write).allSatisfy(value -> assertThat(value).isInstanceOf(Assignment.SetValue.class));
    }

    private static Assignment set(String column, Object value) {
        return new Assignment.SetValue(column, value);
    }

    private static List<Assignment> assignments(Assignment... assignments) {
        return new ArrayList<>(List.of(assignments));
    }

    /** What the normative semantics say of the same write, on the entity's columns. */
    private static Row determined(EntitySpec spec, List<Assignment> write, Condition guard) {
        List<Assignment> entityColumns = write.stream().filter(assignment -> spec.column(assignment.column()).isPresent()).toList();
        return Assignments.determined(spec, KEY, entityColumns, guard == null ? Condition.equalTo("version", 4L) : guard);
    }

    private static Row entityColumns(EntitySpec spec, Row row) {
        Row.Builder builder = Row.builder();
        for (String column : spec.columnNames()) builder.set(column, row.asMap().get(column));
        return builder.build();
    }
}
