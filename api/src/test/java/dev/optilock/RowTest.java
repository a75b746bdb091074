package dev.optilock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowTest {

    @Test
    void should_keep_each_built_row_independent_of_later_changes_to_its_builder() {
        Row.Builder builder = Row.builder().set("id", "a").set("value", 1L);
        Row first = builder.build();
        Row second = builder.set("value", 2L).set("note", "n").build();
        Row third = builder.remove("note").build();

        assertThat(first.getLong("value")).isEqualTo(1L);
        assertThat(first.columns()).containsExactly("id", "value");
        assertThat(second.getLong("value")).isEqualTo(2L);
        assertThat(second.columns()).containsExactly("id", "value", "note");
        assertThat(third.columns()).containsExactly("id", "value");
        assertThat(builder.build()).isEqualTo(third);
    }

    @Test
    void should_copy_byte_arrays_in_and_refuse_a_null_column_name() {
        byte[] bytes = {1, 2};
        Row row = Row.builder().set("b", bytes).build();
        bytes[0] = 9;
        assertThat((byte[]) row.get("b")).containsExactly(1, 2);
        assertThatThrownBy(() -> Row.builder().set(null, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column name");
    }

    @Test
    void should_make_a_row_of_known_columns_that_equals_the_built_one() {
        byte[] bytes = {1, 2};
        Object[] values = {"a", null, bytes};
        Row known = Row.of(List.of("id", "note", "b"), values);
        values[0] = "changed";
        bytes[0] = 9;
        Row built = Row.builder().set("id", "a").set("note", null).set("b", new byte[] {1, 2}).build();

        assertThat(known).isEqualTo(built).hasSameHashCodeAs(built).hasToString(built.toString());
        assertThat(built).isEqualTo(known);
        assertThat(known.columns()).containsExactly("id", "note", "b");
        assertThat(known.has("note")).isTrue();
        assertThat(known.has("other")).isFalse();
        assertThat(known.asMap()).containsEntry("note", null).doesNotContainKey("other").hasSize(3);
        assertThatThrownBy(() -> known.asMap().put("id", "x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> known.asMap().entrySet().iterator().remove()).isInstanceOf(RuntimeException.class);
        assertThat(known.toBuilder().set("note", "n").build().getString("note")).isEqualTo("n");
        assertThat(known.getString("note")).isNull();
    }

    @Test
    void should_look_up_every_column_of_a_wide_row_of_known_columns() {
        List<String> columns = new ArrayList<>();
        Object[] values = new Object[40];
        for (int i = 0; i < values.length; i++) {
            columns.add("c" + i);
            values[i] = (long) i;
        }
        Row row = Row.of(columns, values);
        for (int i = 0; i < values.length; i++) assertThat(row.getLong("c" + i)).isEqualTo(i);
        assertThat(row.has("c40")).isFalse();
        assertThatThrownBy(() -> row.get("c40")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("c40");
    }

    @Test
    void should_refuse_repeated_or_missing_columns_and_counts_that_differ() {
        assertThatThrownBy(() -> Row.of(List.of("id", "id"), "a", "b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'id' is repeated");
        List<String> wide = new ArrayList<>();
        for (int i = 0; i < 20; i++) wide.add("c" + (i % 19));
        assertThatThrownBy(() -> Row.of(wide, new Object[20])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'c0' is repeated");
        assertThatThrownBy(() -> Row.of(List.of("id"), "a", "b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 columns [id] but 2 values");
        assertThatThrownBy(() -> Row.of(null, "a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Row.of(Arrays.asList("id", null), "a", "b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column name must not be null");
    }
}
