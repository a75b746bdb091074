package dev.optilock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
