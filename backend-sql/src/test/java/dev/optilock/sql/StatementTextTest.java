package dev.optilock.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optilock.ColumnType;
import dev.optilock.Condition;
import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.VersionKind;
import dev.optilock.spi.Assignment;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** The statement texts of each operation on each dialect (printed for the README), and their caching by shape. */
class StatementTextTest {
    private static final EntitySpec ACCOUNTS = EntitySpec.builder("accounts").partitionKey("id", ColumnType.TEXT)
            .column("owner", ColumnType.TEXT).column("balance", ColumnType.BIGINT).version("version", VersionKind.LONG)
            .softDelete("deleted_at").build();
    private static final EntitySpec NOTES = EntitySpec.builder("notes").partitionKey("id", ColumnType.UUID)
            .column("text", ColumnType.TEXT).version("updated_at", VersionKind.TIMESTAMP).build();

    private static TableStatements statements(SqlFlavor flavor, EntitySpec spec) {
        Dialect dialect = Dialect.of(flavor);
        return new TableStatements(spec, null, dialect, dialect.writeStyle(), DSL.using(dialect.jooqDialect()));
    }

    private static final PrimaryKey KEY = PrimaryKey.of("a");
    private static final List<Assignment> VERSIONED = List.of(new Assignment.SetValue("owner", "bob"),
            new Assignment.SetValue("version", 2L));
    private static final Condition EXPECTED_VERSION = Condition.equalTo("version", 1L).and(Condition.isNull("deleted_at"));

    @Test
    void should_print_the_statements_of_every_operation() {
        for (SqlFlavor flavor : SqlFlavor.values()) {
            TableStatements accounts = statements(flavor, ACCOUNTS);
            TableStatements notes = statements(flavor, NOTES);
            Row row = Row.builder().set("id", "a").set("owner", "ada").set("balance", 0L).set("version", 1L).build();
            WriteStyle.Write insert = accounts.insert(row, new Arguments());
            WriteStyle.Write update = accounts.update(KEY, VERSIONED, EXPECTED_VERSION, new Arguments());
            WriteStyle.Write increment = accounts.update(KEY, List.of(new Assignment.Increment("balance", 5L),
                    new Assignment.NextVersion("version", VersionKind.LONG, null)), Condition.greaterThanOrEqualTo("balance", 0L)
                    .and(Condition.in("owner", "ada", "bob")).and(Condition.notEqualTo("owner", "eve")), new Arguments());
            WriteStyle.Write timestamp = notes.update(PrimaryKey.of(UUID.randomUUID()), List.of(new Assignment.SetValue("text", "x"),
                    new Assignment.NextVersion("updated_at", VersionKind.TIMESTAMP, Instant.now())), Condition.always(), new Arguments());
            WriteStyle.Write delete = accounts.delete(KEY, Condition.equalTo("version", 1L), new Arguments());
            System.out.println("== " + flavor);
            System.out.println("create table: " + accounts.definition().createTable());
            System.out.println("find: " + accounts.find(KEY, new Arguments()));
            System.out.println("insertIfAbsent: " + insert.statement() + (insert.probe() == null ? "" : "\n  then: " + insert.probe()));
            System.out.println("updateWithVersion: " + update.statement() + (update.probe() == null ? "" : "\n  probe: " + update.probe()));
            System.out.println("updateIfExists with increment and condition: " + increment.statement()
                    + (increment.probe() == null ? "" : "\n  probe: " + increment.probe()));
            System.out.println("timestamp NextVersion: " + timestamp.statement());
            System.out.println("deleteWithVersion: " + delete.statement() + (delete.probe() == null ? "" : "\n  probe: " + delete.probe()));
            for (String sql : List.of(insert.statement().sql(), update.statement().sql(), delete.statement().sql())) {
                assertThat(sql).doesNotContain("'ada'", "'bob'", ":s");
            }
        }
    }

    @Test
    void should_render_postgresql_updates_as_a_returning_write_with_a_probe_and_inserts_on_conflict_do_nothing() {
        TableStatements accounts = statements(SqlFlavor.POSTGRESQL, ACCOUNTS);
        WriteStyle.Write update = accounts.update(KEY, VERSIONED, EXPECTED_VERSION, new Arguments());
        assertThat(update.statement().sql()).startsWith("update \"accounts\" set").contains("returning");
        assertThat(update.probe().sql()).startsWith("select false");
        Row row = Row.builder().set("id", "a").build();
        // A taken key must not raise an error: in the caller's transaction it would abort it.
        assertThat(accounts.insert(row, new Arguments()).statement().sql()).contains("on conflict (\"id\") do nothing");
    }

    @Test
    void should_render_postgresql_writes_as_one_data_modifying_statement_when_asked_to_report() {
        Dialect dialect = Dialect.of(SqlFlavor.POSTGRESQL);
        TableStatements accounts = new TableStatements(ACCOUNTS, null, dialect, dialect.writeStyle("reporting"),
                DSL.using(dialect.jooqDialect()));
        WriteStyle.Write update = accounts.update(KEY, VERSIONED, EXPECTED_VERSION, new Arguments());
        assertThat(update.probe()).isNull();
        assertThat(update.statement().sql()).startsWith("with \"w$\" as (update \"accounts\" set")
                .contains("returning").contains("union all").contains("not exists");
    }

    @Test
    void should_refuse_a_reporting_statement_on_h2() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Dialect.of(SqlFlavor.H2).writeStyle("reporting"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("writeStatement=reporting");
    }

    @Test
    void should_render_h2_writes_as_data_change_delta_tables() {
        TableStatements accounts = statements(SqlFlavor.H2, ACCOUNTS);
        WriteStyle.Write update = accounts.update(KEY, VERSIONED, EXPECTED_VERSION, new Arguments());
        assertThat(update.statement().sql()).contains("from final table (update");
        assertThat(accounts.delete(KEY, Condition.always(), new Arguments()).statement().sql()).contains("from old table (delete");
        assertThat(update.probe()).isNotNull();
    }

    @Test
    void should_reuse_the_statement_of_a_shape_and_bind_values_in_order() {
        TableStatements accounts = statements(SqlFlavor.POSTGRESQL, ACCOUNTS);
        Arguments first = new Arguments();
        Arguments second = new Arguments();
        WriteStyle.Write a = accounts.update(PrimaryKey.of("a"), VERSIONED, EXPECTED_VERSION, first);
        WriteStyle.Write b = accounts.update(PrimaryKey.of("b"), List.of(new Assignment.SetValue("owner", "carl"),
                new Assignment.SetValue("version", 8L)), Condition.equalTo("version", 7L).and(Condition.isNull("deleted_at")), second);
        assertThat(b).isSameAs(a);
        assertThat(first.shape()).isEqualTo(second.shape());
        assertThat(List.of(second.value(0), second.value(1), second.value(2), second.value(3))).containsExactly("carl", 8L, "b", 7L);
        WriteStyle.Write other = accounts.update(PrimaryKey.of("b"), VERSIONED, Condition.equalTo("version", 7L), new Arguments());
        assertThat(other).isNotSameAs(a);
    }
}
