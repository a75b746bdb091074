package dev.optilock.cql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optilock.ColumnType;
import dev.optilock.Condition;
import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import dev.optilock.cql.CqlStatements.Cql;
import dev.optilock.cql.CqlStatements.IfPart;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The update texts {@link CqlStatements} keeps per shape: a call of a shape met before gets the same text, with its own
 * values; calls that differ in a column, an operator or the kind of a condition get texts of their own.
 */
class CqlStatementsTest {
    private static final EntitySpec SPEC = EntitySpec.builder("items").partitionKey("id", ColumnType.BIGINT)
            .column("payload", ColumnType.TEXT).column("note", ColumnType.TEXT).version("version", dev.optilock.VersionKind.LONG)
            .build();
    private final CqlStatements statements = new CqlStatements("ks");

    @Test
    void should_reuse_the_text_of_a_shape_met_before_with_the_new_values() {
        Cql first = update(Map.of("payload", "a"), List.of(new IfPart.Compare("version", Condition.Operator.EQUAL, 1L)), 1L);
        Cql second = update(Map.of("payload", "b"), List.of(new IfPart.Compare("version", Condition.Operator.EQUAL, 7L)), 2L);
        assertThat(second.text()).isSameAs(first.text())
                .isEqualTo("UPDATE \"ks\".\"items\" SET \"payload\" = ? WHERE \"id\" = ? IF \"version\" = ?");
        assertThat(first.values()).containsExactly("a", 1L, 1L);
        assertThat(second.values()).containsExactly("b", 2L, 7L);
    }

    @Test
    void should_give_each_shape_its_own_text() {
        List<IfPart> versionIs = List.of(new IfPart.Compare("version", Condition.Operator.EQUAL, 1L));
        List<String> texts = Arrays.asList(
                update(Map.of("payload", "a"), versionIs, 1L).text(),
                update(Map.of("note", "a"), versionIs, 1L).text(),
                update(ordered("payload", "note"), versionIs, 1L).text(),
                update(ordered("note", "payload"), versionIs, 1L).text(),
                update(Map.of("payload", "a"), List.of(new IfPart.Compare("version", Condition.Operator.LESS_THAN, 1L)), 1L).text(),
                update(Map.of("payload", "a"), List.of(new IfPart.Compare("note", Condition.Operator.EQUAL, "x")), 1L).text(),
                update(Map.of("payload", "a"), List.of(new IfPart.NullTest("note", true)), 1L).text(),
                update(Map.of("payload", "a"), List.of(new IfPart.NullTest("note", false)), 1L).text(),
                update(Map.of("payload", "a"), List.of(new IfPart.InList("note", List.of("x", "y"))), 1L).text(),
                update(Map.of("payload", "a"), List.of(), 1L).text());
        assertThat(texts).doesNotHaveDuplicates();
        assertThat(texts.get(6)).endsWith("IF \"note\" = null");
        assertThat(texts.get(9)).endsWith("IF EXISTS");
    }

    private Cql update(Map<String, Object> sets, List<IfPart> conditions, long id) {
        return statements.update(SPEC, PrimaryKey.of(id), sets, conditions);
    }

    private static Map<String, Object> ordered(String first, String second) {
        Map<String, Object> sets = new LinkedHashMap<>();
        sets.put(first, "1");
        sets.put(second, "2");
        return sets;
    }
}
