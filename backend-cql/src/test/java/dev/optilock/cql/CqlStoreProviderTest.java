package dev.optilock.cql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optilock.BackendUnavailableException;
import dev.optilock.ProviderInfo;
import dev.optilock.StoreOptions;
import dev.optilock.VersionedStores;
import dev.optilock.spi.StoreParameters;
import dev.optilock.spi.StoreUrl;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** URL grammar, options and connection failures; no server needed. */
class CqlStoreProviderTest {

    @Test
    void should_build_settings_with_documented_defaults_and_let_options_override_the_url() {
        CqlSettings defaults = CqlSettings.from("shop", parameters("cql://h/shop", StoreOptions.defaults()), StoreOptions.defaults());
        assertThat(defaults.consistency().name()).isEqualTo("LOCAL_QUORUM");
        assertThat(defaults.serialConsistency().name()).isEqualTo("SERIAL");
        assertThat(defaults.replication()).isEqualTo("{'class': 'SimpleStrategy', 'replication_factor': 1}");
        assertThat(defaults.timeout()).isNull();
        StoreOptions options = StoreOptions.builder().property("serialConsistency", "local_serial").timeout(Duration.ofSeconds(3))
                .build();
        CqlSettings overridden = CqlSettings.from("shop", parameters(
                "cql://h/shop?serialConsistency=SERIAL&CONSISTENCY=quorum&replication=NetworkTopologyStrategy:dc1=3,dc2=2", options), options);
        assertThat(overridden.consistency().name()).isEqualTo("QUORUM");
        assertThat(overridden.serialConsistency().name()).isEqualTo("LOCAL_SERIAL");
        assertThat(overridden.replication()).isEqualTo("{'class': 'NetworkTopologyStrategy', 'dc1': 3, 'dc2': 2}");
        assertThat(overridden.timeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void should_reject_malformed_urls_naming_the_problem() {
        Map<String, String> problems = Map.ofEntries(
                Map.entry("cql://", "no host"),
                Map.entry("cql://host", "keyspace is missing"),
                Map.entry("cql://host/", "keyspace is missing"),
                Map.entry("cql://host/Shop", "keyspace 'Shop'"),
                Map.entry("cql://host/a/b", "single keyspace"),
                Map.entry("cql://host:0/ks", "port '0'"),
                Map.entry("cql://host:x/ks", "port 'x'"),
                Map.entry("cql://host,/ks", "empty host"),
                Map.entry("cql://ho%st/ks", "malformed host"),
                Map.entry("cql://[::1/ks", "unclosed '['"),
                Map.entry("cql://host/ks?bogus=1", "unknown parameter 'bogus'"),
                Map.entry("cql://host/ks?consistency", "not NAME=VALUE"),
                Map.entry("cql://host/ks?consistency=SOME", "consistency must be one of [ONE, TWO, THREE, QUORUM, ALL, LOCAL_QUORUM,"
                        + " EACH_QUORUM, LOCAL_ONE], was 'SOME'"),
                Map.entry("cql://host/ks?consistency=SERIAL", "consistency must be one of"),
                Map.entry("cql://host/ks?serialConsistency=QUORUM", "SERIAL or LOCAL_SERIAL"),
                Map.entry("cql://host/ks?replication=SimpleStrategy:0", "replication must be SimpleStrategy:N or"
                        + " NetworkTopologyStrategy:DC=N[,DC=N...] with N from 1 to 99, was 'SimpleStrategy:0'"),
                Map.entry("cql://host/ks?replication=Other:1", "was 'Other:1'"),
                Map.entry("cql://host/ks?localDatacenter=dc'1", "localDatacenter must be a data center name"),
                Map.entry("cql://host/ks?a=1&a=2", "given twice"),
                Map.entry("cql://host/ks?consistency=ONE&Consistency=ALL", "given twice"));
        CqlStoreProvider provider = new CqlStoreProvider();
        problems.forEach((url, problem) -> assertThatThrownBy(() -> provider.open(url, StoreOptions.defaults()))
                .as(url).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(problem));
    }

    @Test
    void should_never_repeat_credentials_in_messages() {
        CqlStoreProvider provider = new CqlStoreProvider();
        assertThatThrownBy(() -> provider.open("cql://bob:s3cret@host/ks", StoreOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("StoreOptions.username")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> provider.open("cql://host/ks?password=s3cret", StoreOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown parameter 'password'")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void should_report_unreachable_contact_points_as_unavailable_naming_hosts_but_not_the_password() {
        StoreOptions options = StoreOptions.builder().username("bob").password("s3cret").timeout(Duration.ofSeconds(2)).build();
        assertThatThrownBy(() -> VersionedStores.open("cql://127.0.0.1:1,127.0.0.1:2/shop", options))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("127.0.0.1:1").hasMessageContaining("127.0.0.1:2")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void should_be_found_by_service_loader() {
        assertThat(VersionedStores.providers()).extracting(ProviderInfo::name).contains("cassandra");
        assertThat(new CqlStoreProvider().supports("cql://h/ks")).isTrue();
        assertThat(new CqlStoreProvider().supports("jdbc:postgresql://h/db")).isFalse();
    }

    private static StoreParameters parameters(String url, StoreOptions options) {
        return StoreParameters.of(StoreUrl.parse(url, "cql://"), options, CqlSettings.OPTIONS);
    }
}
