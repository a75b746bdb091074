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
import dev.optilock.spi.Backends;
import dev.optilock.spi.WriteOutcome;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A refused versioned write whose answer carries only the version its condition met, as a Cassandra LWT's does, read
 * again after the row moved on: a negative {@code LONG} version is a tombstone's, so the write met a deleted row (not
 * found), never a conflict whose actual version no live row held.
 */
class TombstoneAnswerTest {
    private static final EntitySpec NOTES = EntitySpec.builder("notes").partitionKey("id", ColumnType.TEXT)
            .column("title", ColumnType.TEXT).version("version", VersionKind.LONG).build();
    private static final PrimaryKey KEY = PrimaryKey.of("n");

    private AnsweringBackend backend;
    private VersionedStore store;
    private VersionedRepository<Row, PrimaryKey> notes;

    @BeforeEach
    void open() {
        backend = new AnsweringBackend();
        store = Backends.toStore(backend, StoreOptions.defaults());
        store.createTable(NOTES);
        notes = store.rows(NOTES);
        // Versions 1 and 2, deleted at 2 (its tombstone at -3), inserted again at 3.
        notes.insert(note("first"));
        notes.updateWithVersion(KEY, 1L, Changes.of("title", "second"));
        notes.deleteWithVersion(KEY, 2L);
        assertThat(notes.insert(note("again")).getLong("version")).isEqualTo(3L);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void should_report_a_write_that_met_a_tombstone_version_as_not_found() {
        backend.nextAnswer = -3L;

        assertThatThrownBy(() -> notes.updateWithVersion(KEY, 2L, Changes.of("title", "stale")))
                .isInstanceOf(EntityNotFoundException.class);
        assertThat(notes.find(KEY).orElseThrow().getString("title")).isEqualTo("again");
    }

    @Test
    void should_still_report_a_live_version_met_as_the_conflict_s_actual_version() {
        backend.nextAnswer = 4L;

        assertThatThrownBy(() -> notes.updateWithVersion(KEY, 2L, Changes.of("title", "stale")))
                .isInstanceOfSatisfying(OptimisticLockException.class,
                        conflict -> assertThat(conflict.actualVersion()).contains(4L));
    }

    private static Row note(String title) {
        return Row.builder().set("id", "n").set("title", title).build();
    }

    /** The reference backend, whose next versioned write is refused with an answer that holds only {@link #nextAnswer}. */
    private static final class AnsweringBackend extends ForwardingBackend {
        volatile Long nextAnswer;

        AnsweringBackend() {
            super(new MemoryBackend());
        }

        private WriteOutcome answer() {
            Long version = nextAnswer;
            nextAnswer = null;
            return version == null ? null : new WriteOutcome.NotApplied(Row.builder().set("version", version).build());
        }

        @Override
        public WriteOutcome update(EntitySpec spec, PrimaryKey key, List<Assignment> assignments, Condition condition) {
            WriteOutcome answer = answer();
            return answer != null ? answer : super.update(spec, key, assignments, condition);
        }

        @Override
        public WriteOutcome set(EntitySpec spec, PrimaryKey key, List<Assignment.SetValue> values, Condition condition) {
            WriteOutcome answer = answer();
            return answer != null ? answer : super.set(spec, key, values, condition);
        }
    }
}
