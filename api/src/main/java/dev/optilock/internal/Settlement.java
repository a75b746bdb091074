package dev.optilock.internal;

import dev.optilock.EntitySpec;
import dev.optilock.OutcomeUnknownException;
import dev.optilock.OutcomeUnknownException.Resolution;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.spi.Stages;
import dev.optilock.spi.WriteOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Settles a write whose outcome the backend could not report, on a store with write identities.
 *
 * <p>A <em>pinned</em> write is one whose condition names a state that can never come back once it is gone: a
 * versioned update or delete (versions never repeat, because deletes leave tombstones), an insert of a key that has
 * never existed, a re-insert over one tombstone. Such a write is sent again, unchanged and with the same identity:
 * if the first one was applied, the condition no longer holds and the second cannot apply; if it was not, the second
 * is the only one that can. On Cassandra, a re-issued LWT that completes also ends the Paxos round of the first one
 * (a proposal accepted by a minority is either completed by the new round or superseded by it), so its fate is
 * fixed from then on. The answer, or the row it returns, tells which:
 * <ul>
 *   <li>applied, or the row carries the write's identity: {@code Applied}; for the insert of a key that has never
 *       existed, the row's creator identity tells (it is the first insert's, forever);</li>
 *   <li>the row's history records the state at the version the write would have produced: applied if that state
 *       carries the write's identity, else not (a state is produced by exactly one write, and versions never repeat);</li>
 *   <li>the row is at the version the write would have produced, with another identity, or still at the version the
 *       write required (a tombstone for an update, another delete's tombstone for a delete): the write was not applied
 *       and can no longer apply, reported as the plain outcome ({@code NotApplied} with the row, or {@code NotFound});</li>
 *   <li>the row has moved on past both versions with other identities: no answer is possible, {@link Resolution#UNKNOWN}.</li>
 * </ul>
 * A write that is not pinned (a conditional update or {@code updateIfExists}) is settled by reading: only the
 * write's own identity proves anything (applied); otherwise the outcome stays unknown. Another unknown answer, or a
 * failure before sending, is tried again after a short random pause until the deadline: three times the store's
 * timeout (10 s without one), at least 5 s (long enough to outlast a node that stalls for longer than one request may wait).
 */
final class Settlement {
    private static final Duration DEFAULT_BUDGET = Duration.ofSeconds(10);
    private static final Duration MINIMUM_BUDGET = Duration.ofSeconds(5);

    /**
     * A write to settle.
     *
     * @param identity the identity the write set (in {@link WriteIdentity#WRITE}, or {@link WriteIdentity#DELETED} for a delete)
     * @param expected the version the write required, or null for an insert of a key that has never existed
     * @param produced the version the write would have produced (for a delete, the version it deleted: the tombstone's
     *        state, {@link WriteIdentity#stateVersion}), or null if only the backend knew it
     * @param delete whether the write turns the row into a tombstone
     * @param resend sends the same write again, or null when the write is not pinned
     */
    record PendingWrite(UUID identity, Object expected, Object produced, boolean delete,
            Supplier<CompletionStage<WriteOutcome>> resend) {
    }

    /** What one attempt proved: the outcome, or null when the row (null if absent) proves nothing. */
    private record Verdict(WriteOutcome outcome, Row row) {
    }

    private final EntitySpec stored;
    private final BackendCalls calls;
    private final long budgetNanos;

    Settlement(EntitySpec stored, BackendCalls calls, Optional<Duration> timeout) {
        this.stored = stored;
        this.calls = calls;
        Duration budget = timeout.map(given -> given.multipliedBy(3)).orElse(DEFAULT_BUDGET);
        this.budgetNanos = (budget.compareTo(MINIMUM_BUDGET) < 0 ? MINIMUM_BUDGET : budget).toNanos();
    }

    /** The write's real outcome, or a failed stage with {@link OutcomeUnknownException} when none can be known in time. */
    CompletionStage<WriteOutcome> settle(PendingWrite write, Object key, PrimaryKey primaryKey, OutcomeUnknownException unknown) {
        return untilDecided(() -> write.resend() != null
                ? Stages.start(write.resend()).thenCompose(outcome -> outcome instanceof WriteOutcome.Applied
                        ? Stages.done(new Verdict(outcome, null))
                        : rowOf(outcome, primaryKey).thenApply(row -> judge(write, true, row)))
                : calls.find(stored, primaryKey).thenApply(row -> judge(write, false, row)), decided -> {
                    if (decided.outcome() != null) return Stages.done(decided.outcome());
                    Row seen = decided.row();
                    Object version = seen == null ? null : WriteIdentity.stateVersion(seen, stored.versionColumn());
                    String state = WriteIdentity.isTombstone(seen) ? "a tombstone of version " : "version ";
                    return Stages.failed(new OutcomeUnknownException(stored.table(), key, Resolution.UNKNOWN,
                            "the row has moved on (to " + state + version + ") past the write's versions (from " + write.expected()
                                    + " to " + write.produced() + "), and its history of " + WriteIdentity.historySize(seen)
                                    + " states does not record who wrote them", unknown));
                }, "", key, unknown, 1, System.nanoTime() + budgetNanos);
    }

    /**
     * Settles an atomic group whose every write is pinned: {@code rows} holds each row's write (in the order of
     * {@code keys}), {@code resend} sends the same group again. Applied when the group's answer says so or any row
     * proves its write applied (a group applies whole); not applied when any row proves its write did not; unknown when
     * no row proves anything, or time runs out.
     */
    CompletionStage<Boolean> settleGroup(List<PendingWrite> rows, List<PrimaryKey> keys, Supplier<CompletionStage<Boolean>> resend,
            Object key, OutcomeUnknownException unknown) {
        return untilDecided(() -> Stages.start(resend).thenCompose(applied -> applied ? Stages.done(Boolean.TRUE)
                : calls.findGroup(stored, keys).thenApply(found -> judgeGroup(rows, found))), decided -> decided != null
                ? Stages.done(decided)
                : Stages.failed(new OutcomeUnknownException(stored.table(), key, Resolution.UNKNOWN, "every row of the group has"
                        + " moved on past the versions its writes pinned, and no row's history records who wrote them", unknown)),
                "the group was ", key, unknown, 1, System.nanoTime() + budgetNanos);
    }

    /**
     * Runs {@code attempt} until it answers, then {@code decide}s on its answer; a failure (another unknown answer, or one
     * before sending) is tried again after a short random pause until the deadline, then reported as unknown.
     */
    private <V, R> CompletionStage<R> untilDecided(Supplier<CompletionStage<V>> attempt, Function<V, CompletionStage<R>> decide,
            String subject, Object key, OutcomeUnknownException first, int attempts, long deadline) {
        return Stages.start(attempt).handle((answer, failure) -> {
            if (failure == null) return decide.apply(answer);
            if (System.nanoTime() - deadline > 0) {
                OutcomeUnknownException timedOut = new OutcomeUnknownException(stored.table(), key, Resolution.UNKNOWN,
                        subject + "not settled within " + Duration.ofNanos(budgetNanos) + " (" + attempts + " attempts)", first);
                timedOut.addSuppressed(Stages.unwrap(failure));
                return Stages.<R>failed(timedOut);
            }
            return pause(attempts).thenCompose(ignored -> untilDecided(attempt, decide, subject, key, first, attempts + 1, deadline));
        }).thenCompose(stage -> stage);
    }

    /** TRUE when a row proves its write applied, FALSE when one proves its write did not, null when none proves anything. */
    private Boolean judgeGroup(List<PendingWrite> rows, List<Optional<Row>> found) {
        Boolean decided = null;
        for (int i = 0; i < rows.size(); i++) {
            // Every write of a group is pinned, and the group was just sent again.
            WriteOutcome outcome = judge(rows.get(i), true, found.get(i)).outcome();
            if (outcome instanceof WriteOutcome.Applied) return Boolean.TRUE;
            if (outcome != null) decided = Boolean.FALSE;
        }
        return decided;
    }

    /** The row a not-applied answer reported, read again when the answer does not carry the hidden columns. */
    private CompletionStage<Optional<Row>> rowOf(WriteOutcome outcome, PrimaryKey primaryKey) {
        if (outcome instanceof WriteOutcome.NotApplied notApplied && notApplied.current() != null
                && stored.columns().stream().allMatch(column -> notApplied.current().has(column.name()))) {
            return Stages.done(Optional.of(notApplied.current()));
        }
        return calls.find(stored, primaryKey);
    }

    /**
     * The outcome the row proves (null when it proves nothing), with the row.
     *
     * @param pinned whether the write is pinned and was just sent again (so it can no longer apply later)
     */
    private Verdict judge(PendingWrite write, boolean pinned, Optional<Row> found) {
        if (found.isEmpty()) {
            // Rows never vanish on a store with tombstones: this key has never existed, so no update or delete applied.
            return new Verdict(write.expected() == null && pinned ? null : WriteOutcome.NotFound.INSTANCE, null);
        }
        Row row = found.get();
        UUID mark = write.delete() ? WriteIdentity.deleteOf(row) : WriteIdentity.writeOf(row);
        if (write.identity().equals(mark)) return new Verdict(new WriteOutcome.Applied(row), row);
        if (!pinned) return new Verdict(null, row);
        if (write.expected() == null) {
            // An insert of a key that has never existed applies only as the key's first insert, whose identity every
            // later state of the row keeps; the row it wrote is the caller's, so none is reported here.
            boolean first = write.identity().equals(WriteIdentity.creatorOf(row));
            return new Verdict(first ? new WriteOutcome.Applied(null) : new WriteOutcome.NotApplied(row), row);
        }
        Boolean ours = write.produced() == null ? null : write.delete()
                ? WriteIdentity.deletedBy(row, write.produced(), write.identity(), stored.versionColumn())
                : WriteIdentity.producedBy(row, write.produced(), write.identity(), stored.versionColumn());
        // The state (for a delete: the tombstone) at the version this write would have produced, current or recorded in
        // the history, was written by exactly one write.
        if (ours != null) return new Verdict(ours ? new WriteOutcome.Applied(null) : new WriteOutcome.NotApplied(row), row);
        // An update whose row is still at the state it required (now a tombstone, or soft-deleted), or a re-insert whose
        // tombstone is still there: its condition was false on this very state, and that state cannot come back.
        boolean atExpected = !write.delete() && write.expected() != null
                && (write.expected().equals(row.asMap().get(stored.versionColumn()))
                        || write.expected().equals(WriteIdentity.stateVersion(row, stored.versionColumn())));
        return new Verdict(atExpected ? new WriteOutcome.NotApplied(row) : null, row);
    }

    /** A random pause of up to 2^attempt ms, at most 100 ms: a re-issue does not join the contention that lost the first. */
    private static CompletionStage<Void> pause(int attempt) {
        long millis = ThreadLocalRandom.current().nextLong(Math.min(100, 1L << Math.min(attempt, 7)) + 1);
        return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
    }
}
