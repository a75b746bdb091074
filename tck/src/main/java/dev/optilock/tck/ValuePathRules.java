package dev.optilock.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optilock.Changes;
import dev.optilock.Condition;
import dev.optilock.EntitySpec;
import dev.optilock.GroupWrite;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.VersionKind;
import dev.optilock.VersionedRepository;
import dev.optilock.spi.semantics.Values;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Rule 1.25: an edge value of every column type reads back exactly, whichever operation wrote it. A backend often
 * binds values in more than one place (the insert, the update, the batch of a group, the async path); a conversion
 * that is wrong in one of them is invisible to a rule that writes through another. Deterministic: a matrix of
 * (value, write path), each case named in the failure message.
 */
public interface ValuePathRules extends TckHooks {

    @Test
    default void required_1_25_every_value_reads_back_exactly_through_every_write_path() {
        String rule = RuleMessages.rule("1.25", tck().seed());
        EntitySpec spec = tck().typesTable("tck_paths", VersionKind.LONG);
        VersionedRepository<Row, PrimaryKey> rows = tck().store().rows(spec);

        Map<String, List<Object>> values = new LinkedHashMap<>();
        values.put("text_value", List.of("", " ", "trailing ", "caf\u00e9 \u2713 \ud83c\udf0d", "x".repeat(5_000)));
        values.put("int_value", List.of(Integer.MIN_VALUE, Integer.MAX_VALUE, 16_777_217));
        values.put("bigint_value", List.of(Long.MIN_VALUE, Long.MAX_VALUE, (1L << 53) + 1));
        values.put("double_value", List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
                0.1 + 0.2, -1.0E-300));
        values.put("decimal_value", List.of(new BigDecimal("12345678901234567890.123456789"), new BigDecimal("-0.000000001")));
        values.put("uuid_value", List.of(new UUID(0, 0), UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff")));
        values.put("timestamp_value", List.of(Instant.parse("1900-01-01T00:00:00.001Z"), Instant.parse("9999-12-31T23:59:59.999Z")));
        values.put("bytes_value", List.of(new byte[0], new byte[] {0, -1, 127, -128, 0}, new byte[50_000]));
        values.put("boolean_value", List.of(true, false));

        Map<String, BiFunction<String, Map.Entry<String, Object>, Row>> paths = new LinkedHashMap<>();
        paths.put("insert", (id, value) -> rows.insert(row(id).set(value.getKey(), value.getValue()).build()));
        paths.put("updateWithVersion", (id, value) -> {
            Row inserted = rows.insert(row(id).build());
            return rows.updateWithVersion(PrimaryKey.of(id), inserted.get("version"), Changes.of(value.getKey(), value.getValue()));
        });
        paths.put("update with a condition", (id, value) -> {
            rows.insert(row(id).build());
            return rows.update(PrimaryKey.of(id), Changes.of(value.getKey(), value.getValue()), Condition.always())
                    .entity();
        });
        paths.put("group insert", (id, value) -> rows.applyAtomically(List.of(GroupWrite.insert(row(id)
                .set(value.getKey(), value.getValue()).build()))).items().get(0).entity());
        paths.put("group update", (id, value) -> {
            Row inserted = rows.insert(row(id).build());
            return rows.applyAtomically(List.of(GroupWrite.updateWithVersion(PrimaryKey.of(id), inserted.get("version"),
                    Changes.of(value.getKey(), value.getValue())))).items().get(0).entity();
        });
        paths.put("async insert", (id, value) -> rows.async().insert(row(id).set(value.getKey(), value.getValue()).build())
                .toCompletableFuture().join());
        paths.put("async updateWithVersion", (id, value) -> {
            Row inserted = rows.insert(row(id).build());
            return rows.async().updateWithVersion(PrimaryKey.of(id), inserted.get("version"),
                    Changes.of(value.getKey(), value.getValue())).toCompletableFuture().join();
        });

        int cases = 0;
        for (Map.Entry<String, BiFunction<String, Map.Entry<String, Object>, Row>> path : paths.entrySet()) {
            for (Map.Entry<String, List<Object>> column : values.entrySet()) {
                for (Object value : column.getValue()) {
                    String id = "c" + cases++;
                    String what = rule + " [" + path.getKey() + " of " + column.getKey() + " = " + describe(value) + "]";
                    Row returned = path.getValue().apply(id, Map.entry(column.getKey(), value));
                    Object read = rows.find(PrimaryKey.of(id)).orElseThrow().get(column.getKey());
                    assertThat(Values.same(returned.get(column.getKey()), value)).as(what + ": the row returned holds "
                            + describe(returned.get(column.getKey()))).isTrue();
                    assertThat(Values.same(read, value)).as(what + ": the row read holds " + describe(read)).isTrue();
                }
            }
        }
    }

    private static Row.Builder row(String id) {
        return Row.builder().set("id", id);
    }

    private static String describe(Object value) {
        String text = Values.toString(value);
        return text.length() > 60 ? text.substring(0, 60) + "... (" + text.length() + " characters)" : text;
    }
}
