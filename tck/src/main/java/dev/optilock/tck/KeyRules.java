package dev.optilock.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optilock.Changes;
import dev.optilock.ColumnType;
import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.VersionKind;
import dev.optilock.VersionedRepository;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rule 1.24: a key is exactly the key given. Databases conflate keys in several realistic ways (a case-insensitive
 * collation, a {@code PAD SPACE} comparison, Unicode normalisation, fixed-width binary padding, a composite key
 * joined into one string); each pair below must stay two rows through every operation. Deterministic.
 */
public interface KeyRules extends TckHooks {

    /** Two keys a database might take for one, and why. */
    record KeyPair(String why, PrimaryKey first, PrimaryKey second) {
    }

    @Test
    default void required_1_24_a_key_is_exactly_the_key_given() {
        String rule = RuleMessages.rule("1.24", tck().seed());
        EntitySpec text = table("tck_keys_text", ColumnType.TEXT);
        EntitySpec bytes = table("tck_keys_bytes", ColumnType.BYTES);
        EntitySpec composite = EntitySpec.builder(TckFixture.tableName("tck_keys_pair")).partitionKey("part", ColumnType.TEXT)
                .clusteringKey("item", ColumnType.TEXT).column("value", ColumnType.BIGINT).version("version", VersionKind.LONG)
                .build();
        tck().store().createTable(composite);
        List<KeyPair> pairs = List.of(
                new KeyPair("case", PrimaryKey.of("key"), PrimaryKey.of("KEY")),
                new KeyPair("trailing space", PrimaryKey.of("key"), PrimaryKey.of("key ")),
                new KeyPair("leading space", PrimaryKey.of("key"), PrimaryKey.of(" key")),
                new KeyPair("composed and decomposed e-acute", PrimaryKey.of("caf\u00e9"), PrimaryKey.of("cafe\u0301")),
                new KeyPair("a prefix", PrimaryKey.of("key"), PrimaryKey.of("key2")),
                new KeyPair("trailing zero byte", PrimaryKey.of((Object) new byte[] {7}), PrimaryKey.of((Object) new byte[] {7, 0})),
                new KeyPair("composite key split elsewhere", PrimaryKey.of("a", "bc"), PrimaryKey.of("ab", "c")));
        int round = 0;
        for (KeyPair pair : pairs) {
            String what = rule + " [" + pair.why() + ": " + pair.first() + " and " + pair.second() + "]";
            EntitySpec spec = pair.first().size() == 2 ? composite : pair.first().get(0) instanceof byte[] ? bytes : text;
            VersionedRepository<Row, PrimaryKey> rows = tck().store().rows(spec);
            Row first = rows.insert(row(spec, pair.first(), 1));
            Row second = rows.insert(row(spec, pair.second(), 2));
            assertThat(rows.find(pair.first())).as(what + ": find the first").contains(first);
            assertThat(rows.find(pair.second())).as(what + ": find the second").contains(second);
            assertThat(keyOf(spec, second)).as(what + ": the second row keeps its own key").isEqualTo(pair.second());
            Row updated = rows.updateWithVersion(pair.first(), first.get("version"), Changes.of("value", 10L + round));
            assertThat(rows.find(pair.second())).as(what + ": updating the first leaves the second").contains(second);
            assertThat(rows.deleteIfExists(pair.second())).as(what + ": delete the second").isTrue();
            assertThat(rows.find(pair.first())).as(what + ": deleting the second leaves the first").contains(updated);
            assertThat(rows.find(pair.second())).as(what + ": the second is deleted").isEmpty();
            assertThat(rows.deleteIfExists(pair.first())).as(what + ": delete the first").isTrue();
            round++;
        }
    }

    private EntitySpec table(String prefix, ColumnType keyType) {
        EntitySpec spec = EntitySpec.builder(TckFixture.tableName(prefix)).partitionKey("id", keyType)
                .column("value", ColumnType.BIGINT).version("version", VersionKind.LONG).build();
        tck().store().createTable(spec);
        return spec;
    }

    private static Row row(EntitySpec spec, PrimaryKey key, long value) {
        Row.Builder row = Row.builder().set("value", value);
        for (int i = 0; i < key.size(); i++) row.set(spec.keyColumns().get(i), key.get(i));
        return row.build();
    }

    private static PrimaryKey keyOf(EntitySpec spec, Row row) {
        return spec.keyOf(row);
    }
}
