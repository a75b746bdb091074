package dev.optilock.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optilock.Row;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
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
}
