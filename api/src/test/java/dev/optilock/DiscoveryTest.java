package dev.optilock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DiscoveryTest {

    @Test
    void should_open_the_reference_backend_by_url() {
        try (VersionedStore store = VersionedStores.open("optilock:mem:demo")) {
            assertThat(store.capabilities().backendName()).isEqualTo("memory");
            assertThat(store.capabilities().has(Capability.DEFINITIVE_READS)).isTrue();
        }
    }

    @Test
    void should_list_the_providers_found_when_none_supports_the_url() {
        assertThatThrownBy(() -> VersionedStores.open("jdbc:oracle:thin:@db:1521/x?password=hunter2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no Optilock provider supports")
                .hasMessageContaining("memory [optilock:mem:NAME")
                .hasMessageContaining("dev.optilock:optilock-backend-sql")
                .hasMessageNotContaining("hunter2");
        assertThat(VersionedStores.providers()).extracting(ProviderInfo::name).contains("memory");
    }

    @Test
    void should_reject_malformed_urls_and_unknown_providers() {
        assertThatThrownBy(() -> VersionedStores.open(" ")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("url");
        assertThatThrownBy(() -> VersionedStores.open("optilock:mem:bad name"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed");
        assertThatThrownBy(() -> VersionedStores.open("optilock:mem:x?colour=blue"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown parameter 'colour'");
        assertThatThrownBy(() -> VersionedStores.open("optilock:mem:x", StoreOptions.builder().provider("postgresql").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("provider 'postgresql'");
    }

    @Test
    void should_share_named_databases_and_isolate_anonymous_ones() {
        EntitySpec spec = EntitySpec.builder("notes").partitionKey("id", ColumnType.TEXT).version("v", VersionKind.UUID).build();
        try (VersionedStore first = VersionedStores.open("optilock:mem:shared-test");
                VersionedStore second = VersionedStores.open("optilock:mem:shared-test");
                VersionedStore other = VersionedStores.open("optilock:mem:")) {
            first.createTable(spec);
            first.rows(spec).insert(Row.builder().set("id", "a").build());
            assertThat(second.rows(spec).find(PrimaryKey.of("a"))).isPresent();
            assertThatThrownBy(() -> other.rows(spec).find(PrimaryKey.of("a"))).isInstanceOf(BackendException.class)
                    .hasMessageContaining("does not exist");
        }
    }

    @Test
    void should_warn_and_pick_the_first_of_several_matching_providers_unless_one_is_named() {
        try (VersionedStore first = VersionedStores.open("optilock:dup:x");
                VersionedStore second = VersionedStores.open("optilock:dup:x", StoreOptions.builder().provider("second").build())) {
            assertThat(first.capabilities().backendName()).isEqualTo("first");
            assertThat(second.capabilities().backendName()).isEqualTo("second");
        }
    }

    @Test
    void should_skip_and_report_a_provider_that_fails_to_load() {
        assertThat(VersionedStores.providers()).extracting(ProviderInfo::name).contains("memory", "first", "second")
                .doesNotContain("broken");
        assertThatThrownBy(() -> VersionedStores.open("nosuch:db"))
                .hasMessageContaining("1 failed to load").hasMessageContaining("TestProviders$Broken");
    }

    @Test
    void should_never_print_the_password() {
        StoreOptions options = StoreOptions.builder().username("app").password("hunter2").property("sslPassword", "s3cret").build();
        assertThat(options.toString()).contains("app").doesNotContain("hunter2").doesNotContain("s3cret");
        assertThat(options.password()).contains("hunter2");
    }
}
