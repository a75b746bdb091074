package dev.optilock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optilock.mapping.Key;
import dev.optilock.mapping.Version;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecordMappingTest {
    private final VersionedStore store = VersionedStores.open("optilock:mem:");

    @Test
    void should_derive_table_columns_key_version_and_soft_delete_from_a_record() {
        EntitySpec spec = store.specOf(Hero.class);
        assertThat(spec.table()).isEqualTo("heroes");
        assertThat(spec.keyColumns()).containsExactly("username");
        assertThat(spec.versionColumn()).isEqualTo("version");
        assertThat(spec.versionKind()).isEqualTo(VersionKind.LONG);
        assertThat(spec.softDeleteColumn()).contains("deleted_at");
        assertThat(spec.requireColumn("display_name").type()).isEqualTo(ColumnType.TEXT);
        assertThat(spec.requireColumn("mail").type()).isEqualTo(ColumnType.TEXT);
        assertThat(spec.requireColumn("power").type()).isEqualTo(ColumnType.INT);
        assertThat(spec.requireColumn("score").type()).isEqualTo(ColumnType.BIGINT);
        assertThat(spec.requireColumn("balance").type()).isEqualTo(ColumnType.DECIMAL);
        assertThat(spec.requireColumn("team").type()).isEqualTo(ColumnType.UUID);
        assertThat(spec.requireColumn("joined").type()).isEqualTo(ColumnType.TIMESTAMP);
        assertThat(spec.requireColumn("avatar").type()).isEqualTo(ColumnType.BYTES);
        assertThat(spec.requireColumn("rank").type()).isEqualTo(ColumnType.TEXT);
    }

    @Test
    void should_hold_every_column_name_as_the_interned_instance_so_that_literals_find_it_by_identity() {
        EntitySpec spec = store.specOf(Hero.class);
        assertThat(spec.columnNames()).allSatisfy(name -> assertThat(name).isSameAs(name.intern()));
        assertThat(spec.keyColumns().get(0)).isSameAs("username");
        assertThat(spec.versionColumn()).isSameAs("version");
        assertThat(spec.softDeleteColumn().orElseThrow()).isSameAs("deleted_at");

        EntitySpec built = EntitySpec.builder("pins").partitionKey(new String("id"), ColumnType.TEXT)
                .version(new String("version"), VersionKind.LONG).column(new String("label"), ColumnType.TEXT).build();
        assertThat(built.keyColumns().get(0)).isSameAs("id");
        assertThat(built.versionColumn()).isSameAs("version");
        assertThat(built.requireColumn("label").name()).isSameAs("label");
    }

    @Test
    void should_map_composite_keys_in_order_with_clustering_columns_last() {
        EntitySpec spec = store.specOf(Pin.class);
        assertThat(spec.partitionKey()).containsExactly("mh_prefix");
        assertThat(spec.clusteringKey()).containsExactly("cid_bin");
        assertThat(spec.versionKind()).isEqualTo(VersionKind.TIMESTAMP);
    }

    public record NoKey(String name, @Version long version) {
    }

    public record NoVersion(@Key String name) {
    }

    public record BadVersion(@Key String name, @Version String version) {
    }

    public record BadType(@Key String name, List<String> tags, @Version UUID version) {
    }

    @Test
    void should_reject_records_without_key_or_version_or_with_unsupported_types() {
        assertThatThrownBy(() -> store.specOf(NoKey.class)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no @Key");
        assertThatThrownBy(() -> store.specOf(NoVersion.class)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no @Version");
        assertThatThrownBy(() -> store.specOf(BadVersion.class)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be long, Long, UUID or Instant");
        assertThatThrownBy(() -> store.specOf(BadType.class)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tags");
    }

    @Test
    void should_reject_a_key_type_that_does_not_match_the_key_column() {
        assertThatThrownBy(() -> store.repository(Hero.class, Long.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keyType").hasMessageContaining("username");
        assertThatThrownBy(() -> store.repository(Pin.class, String.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("composite key");
    }

    @Test
    void should_round_trip_every_java_type_through_a_store() {
        store.createTable(Hero.class);
        VersionedRepository<Hero, String> heroes = store.repository(Hero.class, String.class);
        UUID team = UUID.randomUUID();
        Hero hero = new Hero("ada", "Ada ✓", "", Integer.MIN_VALUE, Long.MAX_VALUE, null, -0.0,
                new java.math.BigDecimal("12345678901234567890.0100"), team, java.time.Instant.parse("2026-01-02T03:04:05.678Z"),
                new byte[] {0, -1, 127}, Hero.Rank.VETERAN, 99L, null);
        Hero inserted = heroes.insert(hero);
        assertThat(inserted.version()).isEqualTo(1L);
        Hero found = heroes.find("ada").orElseThrow();
        assertThat(found.displayName()).isEqualTo("Ada ✓");
        assertThat(found.email()).isEmpty();
        assertThat(found.power()).isEqualTo(Integer.MIN_VALUE);
        assertThat(found.active()).isNull();
        assertThat(found.balance()).isEqualByComparingTo("12345678901234567890.01");
        assertThat(found.team()).isEqualTo(team);
        assertThat(found.avatar()).containsExactly(0, -1, 127);
        assertThat(found.rank()).isEqualTo(Hero.Rank.VETERAN);
    }
}
