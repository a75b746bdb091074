package dev.optilock.cql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.optilock.ColumnType;
import dev.optilock.Condition;
import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.StoreOptions;
import dev.optilock.VersionKind;
import dev.optilock.spi.PreparedSet;
import dev.optilock.spi.StoreParameters;
import dev.optilock.spi.WriteOutcome;
import java.util.UUID;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The backend's own {@link PreparedSet} at the SPI, against a real Cassandra 5.0: each outcome of
 * {@link CqlBackend#set} for the same values and condition, a composite key, and bad shapes refused before anything is
 * sent. (The store's path through it, and its statement count, are covered by the TCK and {@link CqlStatementCountTest}.)
 */
class CqlPreparedSetTest {
    private static final EntitySpec ITEMS = EntitySpec.builder("prepared_items").partitionKey("tenant", ColumnType.TEXT)
            .clusteringKey("id", ColumnType.BIGINT).column("note", ColumnType.TEXT).column("data", ColumnType.BYTES)
            .column("deleted", ColumnType.UUID).version("version", VersionKind.LONG).build();
    private static final List<String> COLUMNS = List.of("note", "data", "version");
    private static final EntitySpec TYPES = EntitySpec.builder("prepared_types").partitionKey("id", ColumnType.TEXT)
            .column("text_value", ColumnType.TEXT).column("int_value", ColumnType.INT).column("bigint_value", ColumnType.BIGINT)
            .column("boolean_value", ColumnType.BOOLEAN).column("double_value", ColumnType.DOUBLE)
            .column("decimal_value", ColumnType.DECIMAL).column("uuid_value", ColumnType.UUID)
            .column("timestamp_value", ColumnType.TIMESTAMP).column("bytes_value", ColumnType.BYTES)
            .version("version", VersionKind.LONG).build();

    private static String keyspace;
    private static CqlBackend backend;

    @BeforeAll
    static void open() {
        keyspace = TestCassandra.server().freshKeyspaceName("prepared_");
        StoreOptions options = StoreOptions.defaults();
        backend = new CqlBackend(TestCassandra.session(), false,
                CqlSettings.from(keyspace, StoreParameters.of(options, CqlSettings.OPTIONS), options));
        backend.createTable(ITEMS);
        backend.createTable(TYPES);
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    private static PrimaryKey key(long id) {
        return PrimaryKey.of("acme", id);
    }

    private static void insert(long id, long version) {
        Row row = Row.builder().set("tenant", "acme").set("id", id).set("note", "first").set("data", new byte[] {1})
                .set("deleted", null).set("version", version).build();
        assertThat(backend.insertIfAbsent(ITEMS, row)).isInstanceOf(WriteOutcome.Applied.class);
    }

    private static Row stored(long id) {
        return backend.find(ITEMS, key(id)).orElseThrow();
    }

    @Test
    void should_apply_when_the_version_matches_and_the_guard_column_is_null_and_write_every_value() {
        insert(1, 1);
        PreparedSet set = backend.prepareSet(ITEMS, COLUMNS, List.of("deleted"));

        WriteOutcome outcome = set.set(key(1), new Object[] {"second", new byte[] {7, 8}, 2L}, 1L);

        assertThat(outcome).isSameAs(WriteOutcome.Applied.WITHOUT_ROW);
        Row row = stored(1);
        assertThat(row.getString("note")).isEqualTo("second");
        assertThat(row.getLong("version")).isEqualTo(2L);
        assertThat(row.getBytes("data")).containsExactly(7, 8);
    }

    @Test
    void should_report_a_stale_version_as_not_applied_with_the_actual_version_and_write_nothing() {
        insert(2, 5);
        PreparedSet set = backend.prepareSet(ITEMS, COLUMNS, List.of("deleted"));

        WriteOutcome outcome = set.set(key(2), new Object[] {"stale", null, 5L}, 4L);

        assertThat(outcome).isInstanceOf(WriteOutcome.NotApplied.class);
        assertThat(((WriteOutcome.NotApplied) outcome).current().getLong("version")).isEqualTo(5L);
        assertThat(stored(2).getString("note")).isEqualTo("first");
    }

    @Test
    void should_not_apply_when_a_guard_column_is_set_even_at_the_expected_version() {
        insert(3, 1);
        assertThat(backend.set(ITEMS, key(3), PreparedSet.values(List.of("deleted"), new Object[] {UUID.randomUUID()}),
                Condition.equalTo("version", 1L))).isInstanceOf(WriteOutcome.Applied.class);
        PreparedSet set = backend.prepareSet(ITEMS, COLUMNS, List.of("deleted"));

        WriteOutcome outcome = set.set(key(3), new Object[] {"over a tombstone", null, 2L}, 1L);

        assertThat(outcome).isInstanceOf(WriteOutcome.NotApplied.class);
        assertThat(stored(3).getString("note")).isEqualTo("first");
    }

    @Test
    void should_report_a_missing_row_as_not_found_and_create_nothing() {
        PreparedSet set = backend.prepareSet(ITEMS, COLUMNS, List.of("deleted"));

        assertThat(set.set(key(404), new Object[] {"ghost", null, 2L}, 1L)).isSameAs(WriteOutcome.NotFound.INSTANCE);
        assertThat(backend.find(ITEMS, key(404))).isEmpty();
    }

    @Test
    void should_refuse_key_columns_unknown_columns_and_a_wrong_number_of_values_before_sending_anything() {
        assertThatThrownBy(() -> backend.prepareSet(ITEMS, List.of("id", "version"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key column id");
        assertThatThrownBy(() -> backend.prepareSet(ITEMS, List.of("nope"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no column 'nope'");
        assertThatThrownBy(() -> backend.prepareSet(ITEMS, COLUMNS, List.of("missing")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no column 'missing'");
        insert(5, 1);
        PreparedSet set = backend.prepareSet(ITEMS, COLUMNS, List.of());
        assertThatThrownBy(() -> set.set(key(5), new Object[] {"short"}, 1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 values for the 3 columns");
        assertThatThrownBy(() -> set.set(key(5), new Object[] {"x", null, 2L}, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expectedVersion");
        assertThat(stored(5).getLong("version")).isEqualTo(1L);
    }

    @Test
    void should_bind_every_type_to_the_bytes_the_drivers_own_binding_gives() {
        CqlSession session = TestCassandra.session();
        PreparedStatement statement = session.prepare("UPDATE " + keyspace + ".prepared_types SET text_value = ?, int_value = ?,"
                + " bigint_value = ?, boolean_value = ?, double_value = ?, decimal_value = ?, uuid_value = ?, timestamp_value = ?,"
                + " bytes_value = ? WHERE id = ?");
        BoundValues binder = new BoundValues(statement, session.getContext().getCodecRegistry(), session.getContext().getProtocolVersion());
        List<Object[]> rows = List.of(
                new Object[] {"plain", 1, 2L, true, 1.5, new BigDecimal("-12.345"), UUID.randomUUID(), Instant.ofEpochMilli(-1), new byte[] {0, -1}, "a"},
                new Object[] {"é ü 中文 and a pair \uD83D\uDE00", Integer.MIN_VALUE, Long.MAX_VALUE, false, Double.NaN,
                        BigDecimal.ZERO, new UUID(0, 0), Instant.parse("2026-12-07T00:00:00.123Z"), new byte[0], ""},
                new Object[] {null, null, null, null, null, null, null, null, null, "b"});
        for (Object[] values : rows) {
            BoundStatementBuilder ours = binder.start();
            for (int i = 0; i < values.length; i++) binder.set(ours, i, values[i]);
            BoundStatement built = ours.build();
            Object[] driverValues = values.clone();
            driverValues[8] = CqlValues.toDriver(values[8]);
            BoundStatement drivers = statement.bind(driverValues);
            for (int i = 0; i < values.length; i++) {
                assertThat(built.getBytesUnsafe(i)).as("marker %d of %s", i, java.util.Arrays.toString(values)).isEqualTo(drivers.getBytesUnsafe(i));
            }
            assertThat(built.getConsistencyLevel()).isEqualTo(drivers.getConsistencyLevel());
        }
    }

    @Test
    void should_refuse_what_the_drivers_own_binding_refuses() {
        CqlSession session = TestCassandra.session();
        PreparedStatement statement = session.prepare("UPDATE " + keyspace + ".prepared_types SET text_value = ?, bigint_value = ?"
                + " WHERE id = ?");
        BoundValues binder = new BoundValues(statement, session.getContext().getCodecRegistry(), session.getContext().getProtocolVersion());
        String unpaired = "broken \uD83D surrogate";
        assertThatThrownBy(() -> statement.bind(unpaired, 1L, "a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> binder.set(binder.start(), 0, unpaired)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> binder.set(binder.start(), 1, "not a number")).isInstanceOf(RuntimeException.class);
    }
}
