package dev.optilock.tck;

import static dev.optilock.tck.RegisterModel.inserted;
import static dev.optilock.tck.RegisterModel.maybeVersioned;
import static dev.optilock.tck.RegisterModel.readAbsent;
import static dev.optilock.tck.RegisterModel.readRow;
import static dev.optilock.tck.RegisterModel.versionConflict;
import static dev.optilock.tck.RegisterModel.versionedApplied;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinearizabilityCheckerTest {

    private static History history(History.Entry... entries) {
        History history = new History();
        for (History.Entry entry : entries) history.add(entry);
        return history;
    }

    private static History.Entry op(long invoked, long completed, RegisterModel.Transition transition, String description) {
        return new History.Entry("k", invoked, completed, transition, description);
    }

    @Test
    void should_accept_a_sequential_history() {
        History history = history(
                op(0, 1, inserted("v1", 0L), "insert"),
                op(2, 3, versionedApplied("v1", "v2", 5L), "update v1->v2"),
                op(4, 5, readRow("v2", 5L), "read v2"),
                op(6, 7, versionConflict("v1", "v2"), "stale update"));
        assertThat(LinearizabilityChecker.check(history).linearizable()).isTrue();
    }

    @Test
    void should_accept_a_read_overlapping_a_write_seeing_either_side() {
        History history = history(
                op(0, 1, inserted("v1", 0L), "insert"),
                op(2, 10, versionedApplied("v1", "v2", 5L), "slow update"),
                op(3, 4, readRow("v2", 5L), "read new"),
                op(5, 6, readRow("v2", 5L), "read new again"));
        assertThat(LinearizabilityChecker.check(history).linearizable()).isTrue();
    }

    @Test
    void should_reject_a_stale_read_after_a_completed_write() {
        History history = history(
                op(0, 1, inserted("v1", 0L), "insert"),
                op(2, 3, versionedApplied("v1", "v2", 5L), "update v1->v2"),
                op(4, 5, readRow("v1", 0L), "stale read"));
        LinearizabilityChecker.Result result = LinearizabilityChecker.check(history);
        assertThat(result.linearizable()).isFalse();
        assertThat(result.explanation()).contains("stale read");
    }

    @Test
    void should_reject_two_successful_writes_from_the_same_version() {
        History history = history(
                op(0, 1, inserted("v1", 0L), "insert"),
                op(2, 5, versionedApplied("v1", "v2", 1L), "writer a"),
                op(2, 5, versionedApplied("v1", "v3", 2L), "writer b"));
        assertThat(LinearizabilityChecker.check(history).linearizable()).isFalse();
    }

    @Test
    void should_reject_a_lost_write() {
        History history = history(
                op(0, 1, inserted("v1", 0L), "insert"),
                op(2, 3, versionedApplied("v1", "v2", 7L), "acknowledged write"),
                op(4, 5, readRow("v1", 0L), "read shows the write lost"));
        assertThat(LinearizabilityChecker.check(history).linearizable()).isFalse();
    }

    @Test
    void should_reject_a_read_of_a_row_that_was_never_written() {
        History history = history(op(0, 1, readRow("v9", 1L), "phantom read"));
        assertThat(LinearizabilityChecker.check(history).linearizable()).isFalse();
    }

    @Test
    void should_let_an_unknown_outcome_have_happened_or_not() {
        History happened = history(
                op(0, 1, inserted("v1", 0L), "insert"),
                op(2, History.NEVER, maybeVersioned("v1", 5L), "unknown update"),
                op(10, 11, readRow("v7", 5L), "read sees its effect"));
        History notHappened = history(
                op(0, 1, inserted("v1", 0L), "insert"),
                op(2, History.NEVER, maybeVersioned("v1", 5L), "unknown update"),
                op(10, 11, readRow("v1", 0L), "read does not"));
        History impossible = history(
                op(0, 1, inserted("v1", 0L), "insert"),
                op(2, History.NEVER, maybeVersioned("v1", 5L), "unknown update"),
                op(10, 11, readRow("v7", 6L), "read of a value no one wrote"));
        assertThat(LinearizabilityChecker.check(happened).linearizable()).isTrue();
        assertThat(LinearizabilityChecker.check(notHappened).linearizable()).isTrue();
        assertThat(LinearizabilityChecker.check(impossible).linearizable()).isFalse();
    }

    @Test
    void should_reject_a_read_of_absence_after_a_completed_insert() {
        History history = history(op(0, 1, inserted("v1", 0L), "insert"), op(2, 3, readAbsent(), "read absent"));
        assertThat(LinearizabilityChecker.check(history).linearizable()).isFalse();
    }
}
