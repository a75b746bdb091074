package dev.optilock.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optilock.Changes;
import dev.optilock.ColumnType;
import dev.optilock.Condition;
import dev.optilock.EntityNotFoundException;
import dev.optilock.EntitySpec;
import dev.optilock.OptimisticLockException;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.StoreOptions;
import dev.optilock.VersionKind;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedStore;
import dev.optilock.memory.MemoryBackend;
import dev.optilock.spi.Assignment;
import dev.optilock.spi.Backend;
import dev.optilock.spi.Backends;
import dev.optilock.spi.PreparedSet;
import dev.optilock.spi.WriteOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which versioned updates go through a backend's {@link PreparedSet}: set values that name every column of the entity,
 * prepared once per shape; everything else through the general primitives. The backend is the reference backend, with
 * the calls it receives counted.
 */
class PreparedWritesTest {
    private static final EntitySpec NOTES = EntitySpec.builder("notes").partitionKey("id", ColumnType.TEXT)
            .column("title", ColumnType.TEXT).column("size", ColumnType.INT).version("version", VersionKind.LONG)
            .softDelete("deleted_at").build();

    private CountingBackend backend;
    private VersionedStore store;
    private VersionedRepository<Row, PrimaryKey> notes;

    @BeforeEach
    void open() {
        backend = new CountingBackend(new MemoryBackend());
        store = Backends.toStore(backend, StoreOptions.defaults());
        store.createTable(NOTES);
        notes = store.rows(NOTES);
        notes.insert(Row.builder().set("id", "n").set("title", "t0").set("size", 0).set("deleted_at", null).build());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void should_prepare_a_shape_once_and_send_every_call_of_it_through_the_prepared_set() {
        Row current = notes.find(PrimaryKey.of("n")).orElseThrow();
        for (int i = 1; i <= 5; i++) {
            current = notes.updateWithVersion(PrimaryKey.of("n"), current.getLong("version"), Changes.of("title", "t" + i).set("size", i));
        }

        assertThat(current).isEqualTo(notes.find(PrimaryKey.of("n")).orElseThrow());
        assertThat(current.getString("title")).isEqualTo("t5");
        assertThat(current.getLong("version")).isEqualTo(6L);
        assertThat(current.asMap()).containsEntry("deleted_at", null);
        assertThat(backend.prepared.get()).isEqualTo(1);
        assertThat(backend.preparedCalls.get()).isEqualTo(5);
        assertThat(backend.updates.get()).isZero();
        assertThat(backend.columns).containsExactly(List.of("title", "size", "version", WriteIdentity.WRITE));
        // LONG tombstones take negative versions: the version rules them out, the soft-delete mark is still checked.
        assertThat(backend.nullColumns).containsExactly(List.of("deleted_at"));
    }

    @Test
    void should_send_a_write_at_a_version_a_tombstone_may_hold_through_the_general_path_that_rules_tombstones_out() {
        notes.updateWithVersion(PrimaryKey.of("n"), 1L, Changes.of("title", "first").set("size", 1));
        notes.deleteWithVersion(PrimaryKey.of("n"), 2L);

        // The tombstone of the row deleted at version 2 is at version -3: a caller naming it meets no row.
        assertThatThrownBy(() -> notes.updateWithVersion(PrimaryKey.of("n"), -3L, Changes.of("title", "x").set("size", 2)))
                .isInstanceOf(EntityNotFoundException.class);
        assertThat(backend.preparedCalls.get()).isEqualTo(1);
        assertThat(backend.updates.get()).isEqualTo(1);
        Row reinserted = notes.insert(Row.builder().set("id", "n").set("title", "again").set("size", 0).set("deleted_at", null).build());
        assertThat(reinserted.getLong("version")).isEqualTo(3L);
    }

    @Test
    void should_send_changes_that_leave_a_column_unknown_or_increment_through_the_general_path() {
        Row current = notes.updateWithVersion(PrimaryKey.of("n"), 1L, Changes.of("title", "only"));
        current = notes.updateWithVersion(PrimaryKey.of("n"), current.getLong("version"), Changes.of("title", "t").increment("size", 2));

        assertThat(current.getInt("size")).isEqualTo(2);
        assertThat(backend.preparedCalls.get()).isZero();
        assertThat(backend.updates.get()).isEqualTo(2);
    }

    @Test
    void should_report_a_conflict_with_the_actual_version_and_write_nothing() {
        notes.updateWithVersion(PrimaryKey.of("n"), 1L, Changes.of("title", "first").set("size", 1));

        assertThatThrownBy(() -> notes.updateWithVersion(PrimaryKey.of("n"), 1L, Changes.of("title", "stale").set("size", 9)))
                .isInstanceOfSatisfying(OptimisticLockException.class, conflict -> {
                    assertThat(conflict.expectedVersion()).isEqualTo(1L);
                    assertThat(conflict.actualVersion()).contains(2L);
                });
        assertThat(notes.find(PrimaryKey.of("n")).orElseThrow().getString("title")).isEqualTo("first");
        assertThat(backend.preparedCalls.get()).isEqualTo(2);
    }

    @Test
    void should_refuse_a_value_of_the_wrong_type_as_the_general_path_does_and_send_nothing() {
        notes.updateWithVersion(PrimaryKey.of("n"), 1L, Changes.of("title", "first").set("size", 1));

        assertThatThrownBy(() -> notes.updateWithVersion(PrimaryKey.of("n"), 2L, Changes.of("title", "x").set("size", "many")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("changes: ").hasMessageContaining("size");
        assertThat(backend.preparedCalls.get()).isEqualTo(1);
    }

    @Test
    void should_refuse_a_hidden_column_as_the_general_path_does() {
        assertThatThrownBy(() -> notes.updateWithVersion(PrimaryKey.of("n"), 1L, Changes.of("title", "x").set("size", 1)
                .set(WriteIdentity.WRITE, null))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(WriteIdentity.WRITE);
        assertThat(backend.prepared.get()).isZero();
        assertThat(notes.find(PrimaryKey.of("n")).orElseThrow().getString("title")).isEqualTo("t0");
    }

    @Test
    void should_fail_a_prepared_write_once_the_store_is_closed() {
        notes.updateWithVersion(PrimaryKey.of("n"), 1L, Changes.of("title", "first").set("size", 1));
        store.close();

        assertThatThrownBy(() -> notes.updateWithVersion(PrimaryKey.of("n"), 2L, Changes.of("title", "late").set("size", 2)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThat(backend.preparedCalls.get()).isEqualTo(1);
    }

    /** The reference backend, with the calls of the primitives this test looks at counted. */
    private static final class CountingBackend extends ForwardingBackend {
        final AtomicInteger prepared = new AtomicInteger();
        final AtomicInteger preparedCalls = new AtomicInteger();
        final AtomicInteger updates = new AtomicInteger();
        final List<List<String>> columns = new ArrayList<>();
        final List<List<String>> nullColumns = new ArrayList<>();

        CountingBackend(Backend delegate) {
            super(delegate);
        }

        @Override
        public PreparedSet prepareSet(EntitySpec spec, List<String> setColumns, List<String> nulls) {
            prepared.incrementAndGet();
            columns.add(List.copyOf(setColumns));
            nullColumns.add(List.copyOf(nulls));
            PreparedSet set = super.prepareSet(spec, setColumns, nulls);
            return (key, values, expectedVersion) -> {
                preparedCalls.incrementAndGet();
                return set.set(key, values, expectedVersion);
            };
        }

        @Override
        public WriteOutcome update(EntitySpec spec, PrimaryKey key, List<Assignment> assignments, Condition condition) {
            updates.incrementAndGet();
            return super.update(spec, key, assignments, condition);
        }
    }
}
