package dev.optilock.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optilock.Row;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class WriteIdentityTest {

    @Test
    void should_never_repeat_an_identity_nor_its_history_digest_within_a_jvm() {
        Set<UUID> identities = new HashSet<>();
        Set<Long> digests = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            UUID identity = WriteIdentity.next();
            assertThat(identity.version()).isEqualTo(4);
            assertThat(identity.variant()).isEqualTo(2);
            assertThat(identities.add(identity)).isTrue();
            // The digest the history records, read back from a one-entry history.
            Row prior = Row.builder().set("version", 1L).set(WriteIdentity.WRITE, identity).build();
            byte[] history = WriteIdentity.historyAfter(prior, "version");
            assertThat(digests.add(ByteBuffer.wrap(history).getLong(8))).isTrue();
        }
    }

    @Test
    void should_speak_of_a_tombstone_as_of_the_state_it_deleted_and_keep_that_in_the_history_of_the_state_after_it() {
        UUID writer = WriteIdentity.next();
        UUID deleter = WriteIdentity.next();
        UUID other = WriteIdentity.next();
        // The row written at version 2 by writer, deleted by deleter: its tombstone is at version -3.
        assertThat(Versions.ofTombstone(2L)).isEqualTo(-3L);
        Row tombstone = Row.builder().set("version", Versions.ofTombstone(2L)).set(WriteIdentity.WRITE, writer)
                .set(WriteIdentity.DELETED, deleter).build();

        assertThat(WriteIdentity.stateVersion(tombstone, "version")).isEqualTo(2L);
        assertThat(WriteIdentity.producedBy(tombstone, 2L, writer, "version")).isTrue();
        assertThat(WriteIdentity.producedBy(tombstone, 2L, other, "version")).isFalse();
        assertThat(WriteIdentity.deletedBy(tombstone, 2L, deleter, "version")).isTrue();
        assertThat(WriteIdentity.deletedBy(tombstone, 2L, other, "version")).isFalse();
        assertThat(WriteIdentity.producedBy(tombstone, -3L, writer, "version")).isNull();

        // The re-insert after it, at version 3, records both the live state at 2 and its delete.
        Row reinserted = Row.builder().set("version", 3L).set(WriteIdentity.WRITE, other)
                .set(WriteIdentity.HISTORY, WriteIdentity.historyAfter(tombstone, "version")).build();
        assertThat(WriteIdentity.producedBy(reinserted, 2L, writer, "version")).isTrue();
        assertThat(WriteIdentity.deletedBy(reinserted, 2L, deleter, "version")).isTrue();
        assertThat(WriteIdentity.deletedBy(reinserted, 2L, writer, "version")).isFalse();
    }

    @Test
    void should_give_long_tombstones_versions_no_live_row_holds_and_keep_the_others_versions() {
        assertThat(Versions.ofTombstone(0L)).isEqualTo(-1L);
        assertThat(Versions.ofTombstone(Long.MAX_VALUE)).isEqualTo(Long.MIN_VALUE);
        assertThat(Versions.deletedAt(Long.MIN_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(Versions.deletedAt(Versions.ofTombstone(41L))).isEqualTo(41L);
        // A tombstone written before tombstones took versions of their own deleted the row at its version.
        assertThat(Versions.deletedAt(7L)).isEqualTo(7L);
        assertThat(Versions.noTombstoneAt(0L)).isTrue();
        assertThat(Versions.noTombstoneAt(-1L)).isFalse();
        assertThat(Versions.isTombstoneVersion(-1L)).isTrue();
        UUID uuid = UUID.randomUUID();
        assertThat(Versions.ofTombstone(uuid)).isEqualTo(uuid);
        assertThat(Versions.noTombstoneAt(uuid)).isFalse();
        assertThat(Versions.isTombstoneVersion(uuid)).isFalse();
    }

    @Test
    void should_never_repeat_an_identity_across_threads_that_write_at_once_or_in_turn() throws InterruptedException {
        Set<UUID> identities = ConcurrentHashMap.newKeySet();
        List<Thread> writers = new ArrayList<>();
        // Each thread writes past a block and into the next; the later ones start after the first ones ended.
        for (int round = 0; round < 2; round++) {
            List<Thread> started = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                Thread writer = new Thread(() -> {
                    for (int i = 0; i < WriteIdentity.BLOCK + WriteIdentity.BLOCK / 2; i++) identities.add(WriteIdentity.next());
                });
                writer.start();
                started.add(writer);
            }
            for (Thread writer : started) writer.join();
            writers.addAll(started);
        }
        assertThat(identities).hasSize(writers.size() * (WriteIdentity.BLOCK + WriteIdentity.BLOCK / 2));
    }
}
