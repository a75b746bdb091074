package dev.optilock.tck;

import dev.optilock.ColumnType;
import dev.optilock.Condition;
import dev.optilock.EntitySpec;
import dev.optilock.Row;
import dev.optilock.VersionKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The second half of rule 1.10: every operator on every column type, on a row with values and on a row of nulls,
 * with values equal to, below, above and unlike the row's (decimals of another scale, byte arrays one byte longer).
 */
final class ConditionMatrix {
    private static final UUID SOME_UUID = UUID.fromString("00000000-0000-0000-0000-000000000005");
    private static final Instant SOME_TIME = Instant.parse("2024-05-06T07:08:09.010Z");

    private ConditionMatrix() {
    }

    /** A table with a column of every type and a {@code note} the writes set. */
    static EntitySpec spec(String table) {
        return EntitySpec.builder(table).partitionKey("id", ColumnType.TEXT)
                .column("tx", ColumnType.TEXT).column("i", ColumnType.INT).column("l", ColumnType.BIGINT)
                .column("b", ColumnType.BOOLEAN).column("d", ColumnType.DOUBLE).column("dec", ColumnType.DECIMAL)
                .column("u", ColumnType.UUID).column("ts", ColumnType.TIMESTAMP).column("bin", ColumnType.BYTES)
                .column("note", ColumnType.TEXT).version("version", VersionKind.LONG).build();
    }

    /** A row with every column set ({@code set}) or every column null. */
    static Row state(boolean set, String id) {
        Row.Builder row = Row.builder().set("id", id);
        if (set) {
            row.set("tx", "m").set("i", 5).set("l", 5L).set("b", true).set("d", 2.5).set("dec", new BigDecimal("2.50"))
                    .set("u", SOME_UUID).set("ts", SOME_TIME).set("bin", new byte[] {1, 2});
        }
        return row.build();
    }

    /** The conditions, about 170 of them. */
    static List<Condition> conditions() {
        Map<String, Object[]> ordered = new LinkedHashMap<>();
        ordered.put("tx", new Object[] {"m", "a", "z"});
        ordered.put("i", new Object[] {5, 4, 6});
        ordered.put("l", new Object[] {5L, Long.MIN_VALUE, 6L});
        ordered.put("d", new Object[] {2.5, 2.4999, 1e300});
        ordered.put("dec", new Object[] {new BigDecimal("2.5"), new BigDecimal("2.49"), new BigDecimal("2.500001")});
        ordered.put("ts", new Object[] {SOME_TIME, SOME_TIME.minusMillis(1), SOME_TIME.plusMillis(1)});
        Map<String, Object[]> unordered = new LinkedHashMap<>();
        unordered.put("b", new Object[] {true, false});
        unordered.put("u", new Object[] {SOME_UUID, UUID.fromString("00000000-0000-0000-0000-000000000006")});
        unordered.put("bin", new Object[] {new byte[] {1, 2}, new byte[] {1, 2, 0}});
        List<Condition> conditions = new ArrayList<>();
        conditions.add(Condition.always());
        Map<String, Object[]> all = new LinkedHashMap<>(ordered);
        all.putAll(unordered);
        all.forEach((column, values) -> {
            for (Object value : values) {
                conditions.add(Condition.equalTo(column, value));
                conditions.add(Condition.notEqualTo(column, value));
            }
            conditions.add(Condition.in(column, values[0]));
            conditions.add(Condition.in(column, values[1]));
            conditions.add(Condition.in(column, values));
            conditions.add(Condition.isNull(column));
            conditions.add(Condition.isNotNull(column));
        });
        ordered.forEach((column, values) -> {
            for (Object value : values) {
                conditions.add(Condition.lessThan(column, value));
                conditions.add(Condition.lessThanOrEqualTo(column, value));
                conditions.add(Condition.greaterThan(column, value));
                conditions.add(Condition.greaterThanOrEqualTo(column, value));
            }
        });
        conditions.add(Condition.all(Condition.equalTo("i", 5), Condition.notEqualTo("tx", "a")));
        conditions.add(Condition.all(Condition.equalTo("i", 5), Condition.isNull("tx")));
        conditions.add(Condition.all(Condition.all(), Condition.all(Condition.isNotNull("u"), Condition.lessThan("l", 6L))));
        conditions.add(Condition.notEqualTo("i", 4).and(Condition.notEqualTo("b", false)));
        return conditions;
    }
}
