package dev.optilock.testservers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessStateTest {
    @TempDir
    Path directory;

    @Test
    void should_read_the_state_after_a_command_name_that_holds_spaces_and_parentheses() throws IOException {
        Path stat = Files.writeString(directory.resolve("stat"), "4242 (java (main) x) T 1 4242 4242 0 -1 4194560 0 0");

        assertThat(ProcessState.of(stat)).isEqualTo('T');
    }

    @Test
    void should_say_gone_for_a_thread_that_ended_or_a_line_cut_short() throws IOException {
        Path cut = Files.writeString(directory.resolve("cut"), "4242 (java)");

        assertThat(ProcessState.of(directory.resolve("missing"))).isEqualTo(ProcessState.GONE);
        assertThat(ProcessState.of(cut)).isEqualTo(ProcessState.GONE);
    }
}
