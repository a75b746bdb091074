package dev.optilock.cql;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Cassandra behaviours the backend relies on, checked on the real server: what an LWT's response carries, and
 * how IF conditions treat null and missing rows.
 */
class CassandraSemanticsTest {
    private static CqlSession session;
    private static String table;

    @BeforeAll
    static void createTable() {
        session = TestCassandra.session();
        String keyspace = TestCassandra.server().freshKeyspaceName("facts_");
        session.execute("CREATE KEYSPACE " + keyspace + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        table = keyspace + ".t";
        session.execute("CREATE TABLE " + table + " (k text PRIMARY KEY, n bigint, t text, v bigint)");
    }

    private static Row run(String cql, Object... values) {
        return session.execute(cql.replace("{t}", table), values).one();
    }

    private static List<String> columns(Row row) {
        List<String> names = new java.util.ArrayList<>();
        row.getColumnDefinitions().forEach(definition -> names.add(definition.getName().asInternal()));
        return names;
    }

    @Test
    void should_answer_an_applied_lwt_with_applied_only() {
        assertThat(columns(run("INSERT INTO {t} (k, v) VALUES ('a1', 1) IF NOT EXISTS"))).containsExactly("[applied]");
        assertThat(columns(run("UPDATE {t} SET n = 1 WHERE k = 'a1' IF v = 1"))).containsExactly("[applied]");
        assertThat(columns(run("DELETE FROM {t} WHERE k = 'a1' IF EXISTS"))).containsExactly("[applied]");
    }

    @Test
    void should_answer_a_rejected_lwt_with_the_if_columns_or_the_whole_row_or_nothing() {
        run("INSERT INTO {t} (k, v, t) VALUES ('r1', 1, 'x') IF NOT EXISTS");
        Row insert = run("INSERT INTO {t} (k, v) VALUES ('r1', 2) IF NOT EXISTS");
        assertThat(insert.getBoolean("[applied]")).isFalse();
        assertThat(columns(insert)).containsExactlyInAnyOrder("[applied]", "k", "n", "t", "v");
        Row update = run("UPDATE {t} SET n = 1 WHERE k = 'r1' IF v = 2 AND n = null AND v != null");
        assertThat(columns(update)).containsExactlyInAnyOrder("[applied]", "v", "n");
        assertThat(update.getLong("v")).isEqualTo(1L);
        assertThat(columns(run("UPDATE {t} SET n = 1 WHERE k = 'r-missing' IF v = 2"))).containsExactly("[applied]");
        assertThat(columns(run("UPDATE {t} SET n = 1 WHERE k = 'r-missing' IF EXISTS"))).containsExactly("[applied]");
        assertThat(columns(run("DELETE FROM {t} WHERE k = 'r-missing' IF EXISTS"))).containsExactly("[applied]");
    }

    @Test
    void should_evaluate_if_on_a_missing_row_as_on_a_row_of_nulls_which_is_why_writes_carry_a_version_guard() {
        assertThat(run("UPDATE {t} SET t = 'created' WHERE k = 'm1' IF n = null").getBoolean("[applied]")).isTrue();
        assertThat(run("SELECT t FROM {t} WHERE k = 'm1'")).isNotNull();
        assertThat(run("UPDATE {t} SET t = 'created' WHERE k = 'm2' IF n != 5").getBoolean("[applied]")).isTrue();
        assertThat(run("UPDATE {t} SET t = 'guarded' WHERE k = 'm3' IF n = null AND v != null").getBoolean("[applied]")).isFalse();
        assertThat(run("SELECT t FROM {t} WHERE k = 'm3'")).isNull();
    }

    @Test
    void should_treat_null_like_the_reference_in_comparisons() {
        run("INSERT INTO {t} (k, v, t) VALUES ('c1', 1, '') IF NOT EXISTS");
        assertThat(run("UPDATE {t} SET v = 1 WHERE k = 'c1' IF n != 5").getBoolean("[applied]")).as("null != 5").isTrue();
        assertThat(run("UPDATE {t} SET v = 1 WHERE k = 'c1' IF n < 5").getBoolean("[applied]")).as("null < 5").isFalse();
        assertThat(run("UPDATE {t} SET v = 1 WHERE k = 'c1' IF n IN (1, 5)").getBoolean("[applied]")).as("null IN").isFalse();
        assertThat(run("UPDATE {t} SET v = 1 WHERE k = 'c1' IF t = null").getBoolean("[applied]")).as("'' is not null").isFalse();
        assertThat(run("UPDATE {t} SET v = 1 WHERE k = 'c1' IF t = ''").getBoolean("[applied]")).isTrue();
        PreparedStatement bound = session.prepare(("UPDATE {t} SET v = 2 WHERE k = ? IF n = ? AND v IN ? AND v = 1 AND v = ?")
                .replace("{t}", table));
        assertThat(session.execute(bound.bind("c1", null, List.of(1L, 7L), 1L)).one().getBoolean("[applied]"))
                .as("a bound null tests for null; IN takes a bound list; a column may appear twice").isTrue();
    }
}
