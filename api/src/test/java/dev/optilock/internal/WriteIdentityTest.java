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
