package dev.optilock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optilock.spi.Option;
import dev.optilock.spi.Redaction;
import dev.optilock.spi.StoreParameters;
import dev.optilock.spi.StoreUrl;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One URL grammar, one parameter rule and one redaction for every provider. */
class StoreUrlTest {
    private static final Option<Integer> SIZE = Option.of("poolSize", "a whole number", Integer::parseInt);
    private static final Option<String> TOKEN = Option.sensitiveText("apiKey");

    @Test
    void should_parse_hosts_ports_path_and_parameters() {
        StoreUrl url = StoreUrl.parse("cql://db1,db2:9142,[::1]:9043,10.0.0.7/shop?localDatacenter=dc1&replication=N:dc1=3,dc2=2",
                "cql://");
        assertThat(url.hosts()).extracting(host -> host.host() + ":" + host.portOr(9042))
                .containsExactly("db1:9042", "db2:9142", "::1:9043", "10.0.0.7:9042");
        assertThat(url.path()).isEqualTo("shop");
        assertThat(url.parameters()).containsExactly(new StoreUrl.Parameter("localDatacenter", "dc1"),
                new StoreUrl.Parameter("replication", "N:dc1=3,dc2=2"));
    }

    @Test
    void should_read_jdbc_and_opaque_forms_with_either_parameter_separator() {
        StoreUrl postgres = StoreUrl.parse("jdbc:postgresql://h:6543/shop?ssl&poolSize=3", "jdbc:postgresql:");
        assertThat(postgres.hosts()).containsExactly(new StoreUrl.HostAndPort("h", 6543));
        assertThat(postgres.parameters()).containsExactly(new StoreUrl.Parameter("ssl", null), new StoreUrl.Parameter("poolSize", "3"));
        assertThat(postgres.without(List.of(SIZE))).isEqualTo("jdbc:postgresql://h:6543/shop?ssl");
        StoreUrl h2 = StoreUrl.parse("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1; POOLSIZE =4;MODE=PostgreSQL", "jdbc:h2:");
        assertThat(h2.hosts()).isEmpty();
        assertThat(h2.path()).isEqualTo("mem:test");
        assertThat(h2.without(List.of(SIZE))).isEqualTo("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1;MODE=PostgreSQL");
        assertThat(StoreUrl.parse("optilock:mem:", "optilock:mem:").path()).isEmpty();
    }

    @Test
    void should_merge_properties_over_url_parameters_matching_names_without_case() {
        StoreOptions options = StoreOptions.builder().property("POOLSIZE", "7").property("ssl", "true").build();
        StoreParameters parameters = StoreParameters.of(StoreUrl.parse("x://h/p?poolsize=3&other=%41", "x://"), options, List.of(SIZE));
        assertThat(parameters.get(SIZE)).contains(7);
        assertThat(parameters.undeclaredProperties()).containsExactly(Map.entry("ssl", "true"));
        assertThat(StoreParameters.of(StoreUrl.parse("x://h/p?poolSize=%33", "x://"), StoreOptions.defaults(), List.of(SIZE))
                .get(SIZE)).as("values are percent-decoded").contains(3);
    }

    @Test
    void should_reject_bad_parameters_naming_them_and_never_showing_secrets() {
        StoreParameters given = StoreParameters.of(StoreUrl.parse("x://h/p?poolSize=many&password=hunter2", "x://"),
                StoreOptions.defaults(), List.of(SIZE));
        assertThatThrownBy(() -> given.get(SIZE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("option poolSize must be a whole number, was 'many'").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> given.requireOnlyDeclared(" (credentials go in StoreOptions)"))
                .hasMessageContaining("unknown parameter 'password'; known: poolSize (credentials go in StoreOptions)")
                .hasMessageNotContaining("hunter2");
        StoreParameters flag = StoreParameters.of(StoreUrl.parse("x://h/p?poolSize", "x://"), StoreOptions.defaults(), List.of(SIZE));
        assertThatThrownBy(() -> flag.get(SIZE)).hasMessageContaining("'poolSize' is not NAME=VALUE");
        assertThatThrownBy(() -> StoreUrl.parse("x://h/p?a=1&A=2", "x://")).hasMessageContaining("'A' is given twice");
        assertThatThrownBy(() -> StoreUrl.parse("x://bob:hunter2@h/p", "x://")).hasMessageContaining("StoreOptions.username")
                .hasMessageNotContaining("hunter2");
        StoreParameters secret = StoreParameters.of(StoreUrl.parse("x://h/p?apiKey=k3y", "x://"), StoreOptions.defaults(),
                List.of(Option.of("apiKey", "a key of 8 characters", text -> text.length() == 8 ? text : null)));
        assertThat(secret.toString()).contains("k3y");
        StoreParameters declaredSecret = StoreParameters.of(StoreUrl.parse("x://h/p?apiKey=k3y", "x://"), StoreOptions.defaults(),
                List.of(TOKEN));
        assertThat(declaredSecret.toString()).doesNotContain("k3y");
        assertThat(declaredSecret.where()).doesNotContain("k3y");
    }

    @Test
    void should_redact_user_information_and_sensitive_values_in_any_text() {
        assertThat(Redaction.url("jdbc:postgresql://bob:s3cret@h/db?user=bob&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://REDACTED@h/db?user=bob&password=REDACTED&ssl=true");
        assertThat(Redaction.url("jdbc:h2:mem:x;PASSWORD=s3cret;MODE=X")).isEqualTo("jdbc:h2:mem:x;PASSWORD=REDACTED;MODE=X");
        assertThat(Redaction.url("x://h/p?apiKey=k3y&pwd=p&auth_token=t", List.of(TOKEN)))
                .isEqualTo("x://h/p?apiKey=REDACTED&pwd=REDACTED&auth_token=REDACTED");
        assertThat(Redaction.url("x://user:pa?ss;w@rd@h/p")).doesNotContain("pa?ss");
        assertThat(StoreOptions.builder().password("s3cret").property("clientSecret", "s3cret").build().toString())
                .doesNotContain("s3cret");
    }
}
