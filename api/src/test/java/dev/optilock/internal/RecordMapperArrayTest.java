package dev.optilock.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optilock.Hero;
import dev.optilock.Row;
import dev.optilock.mapping.Key;
import dev.optilock.mapping.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An entity made from a row's values in the spec's column order is the entity made from the row. */
public class RecordMapperArrayTest {
    /** The key is not the first component: the spec's columns come in another order than the record's. */
    public record Reading(String sensor, @Key long id, double value, @Version long version) {
    }

    @Test
    void should_make_the_same_entity_from_the_values_in_spec_order_as_from_the_row() {
        RecordMapper<Reading> mapper = new RecordMapper<>(Reading.class);
        Reading reading = new Reading("s", 7L, 1.5, 3L);
        Row row = mapper.toRow(reading);

        assertThat(mapper.spec().columnNames()).containsExactly("id", "sensor", "value", "version");
        assertThat(mapper.toEntity(values(mapper, row))).isEqualTo(mapper.toEntity(row)).isEqualTo(reading);
    }

    @Test
    void should_make_a_wide_record_with_enums_and_bytes_from_the_values_in_spec_order() {
        RecordMapper<Hero> mapper = new RecordMapper<>(Hero.class);
        byte[] avatar = {1, 2};
        Hero hero = new Hero("ada", "Ada", "ada@example.com", 3, 4L, true, 0.5, new BigDecimal("1.50"), new UUID(1, 2),
                Instant.ofEpochMilli(5), avatar, Hero.Rank.VETERAN, 6L, null);
        Row row = mapper.toRow(hero);

        Hero made = mapper.toEntity(values(mapper, row));

        assertThat(made).usingRecursiveComparison().isEqualTo(mapper.toEntity(row)).isEqualTo(hero);
        assertThat(made.avatar()).isNotSameAs(row.asMap().get("avatar"));
    }

    private static Object[] values(RecordMapper<?> mapper, Row row) {
        return mapper.spec().columnNames().stream().map(row.asMap()::get).toArray();
    }
}
