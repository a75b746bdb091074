package dev.optilock.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optilock.ColumnType;
import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import dev.optilock.VersionKind;
import dev.optilock.spi.PreparedSet;
import java.util.List;
import java.util.UUID;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * A prepared set sends the statement {@code Backend.set} sends for the call it stands for, and binds the same value
 * with the same type at each of the call's argument indexes: on every dialect, for a key of one column and of two, with and without guard columns.
 */
class PreparedShapeTest {
    private static final EntitySpec EVENTS = EntitySpec.builder("events").partitionKey("tenant", ColumnType.TEXT)
            .clusteringKey("id", ColumnType.BIGINT).column("title", ColumnType.TEXT).column("size", ColumnType.INT)
            .column("optilock_write", ColumnType.UUID).column("optilock_deleted", ColumnType.UUID)
            .version("version", VersionKind.LONG).softDelete("deleted_at").build();
    private static final EntitySpec ITEMS = EntitySpec.builder("items").partitionKey("id", ColumnType.BIGINT)
            .column("payload", ColumnType.TEXT).version("version", VersionKind.LONG).build();

    @Test
    void should_bind_each_value_where_the_call_it_stands_for_binds_it() {
        for (SqlFlavor flavor : SqlFlavor.values()) {
            List<String> columns = List.of("size", "title", "version", "optilock_write");
            List<String> nulls = List.of("optilock_deleted", "deleted_at");
            Object[] values = {3, "t", 8L, new UUID(4, 5)};
            assertSameAsTheCall(flavor, EVENTS, columns, nulls, PrimaryKey.of("acme", 42L), values, 7L);
            assertSameAsTheCall(flavor, ITEMS, List.of("payload", "version"), List.of(), PrimaryKey.of(9L), new Object[] {"p", 2L}, 1L);
        }
    }

    @Test
    void should_refuse_a_call_with_another_number_of_values() {
        TableStatements items = statements(SqlFlavor.POSTGRESQL, ITEMS);
        PreparedShape shape = items.prepareSet(List.of("payload", "version"), List.of());

        assertThatThrownBy(() -> shape.call(PrimaryKey.of(1L), new Object[] {"p"}, 1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 values for a prepared set of 2 columns");
    }

    @Test
    void should_lend_a_thread_one_call_at_a_time() {
        PreparedShape shape = statements(SqlFlavor.POSTGRESQL, ITEMS).prepareSet(List.of("payload", "version"), List.of());

        PreparedShape.Call first = shape.call(PrimaryKey.of(1L), new Object[] {"p", 2L}, 1L);
        try (PreparedShape.Call nested = shape.call(PrimaryKey.of(3L), new Object[] {"q", 5L}, 4L)) {
            assertThat(nested).as("a call while the thread's is lent has its own").isNotSameAs(first);
            assertThat(first.value(0)).isEqualTo("p");
        }
        first.close();
        try (PreparedShape.Call again = shape.call(PrimaryKey.of(9L), new Object[] {"r", 8L}, 7L)) {
            assertThat(again).as("the thread's call, lent again").isSameAs(first);
            assertThat(again.value(0)).isEqualTo("r");
        }
    }

    private static void assertSameAsTheCall(SqlFlavor flavor, EntitySpec spec, List<String> columns, List<String> nulls, PrimaryKey key,
            Object[] values, Object expected) {
        TableStatements statements = statements(flavor, spec);
        PreparedShape shape = statements.prepareSet(columns, nulls);
        CallValues prepared = shape.call(key, values, expected);
        Arguments call = new Arguments();
        WriteStyle.Write write = statements.unreportedUpdate(key, PreparedSet.values(columns, values),
                PreparedSet.condition(spec, expected, nulls), call);

        assertThat(shape.write()).as(flavor + " " + spec.table()).isSameAs(write);
        for (int i = 0; i < call.size(); i++) {
            assertThat(prepared.value(i)).as("argument " + i).isEqualTo(call.value(i));
            assertThat(prepared.type(i)).as("type of argument " + i).isEqualTo(call.type(i));
        }
    }

    private static TableStatements statements(SqlFlavor flavor, EntitySpec spec) {
        Dialect dialect = Dialect.of(flavor);
        return new TableStatements(spec, null, dialect, dialect.writeStyle(), DSL.using(dialect.jooqDialect()));
    }
}
