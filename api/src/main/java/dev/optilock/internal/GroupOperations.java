package dev.optilock.internal;

import dev.optilock.BackendException;
import dev.optilock.ColumnDefinition;
import dev.optilock.Condition;
import dev.optilock.ContentionException;
import dev.optilock.EntitySpec;
import dev.optilock.GroupItem;
import dev.optilock.GroupItem.Status;
import dev.optilock.GroupResult;
import dev.optilock.GroupWrite;
import dev.optilock.OperationEvent.Operation;
import dev.optilock.OperationEvent.Outcome;
import dev.optilock.OutcomeUnknownException;
import dev.optilock.OutcomeUnknownException.Resolution;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.spi.Assignment;
import dev.optilock.spi.GroupStatement;
import dev.optilock.spi.Stages;
import dev.optilock.spi.semantics.Assignments;
import dev.optilock.spi.semantics.Conditions;
import dev.optilock.spi.semantics.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.concurrent.CompletionStage;

/**
 * Atomic groups ({@code applyAtomically}): read every row of the group at one instant; decide every write's
 * condition on that read; refuse the group there when one fails; otherwise send every write pinned to the exact state
 * it read (its version, and on a store with write identities its tombstone or liveness), all or nothing. A pinned
 * group that meets a changed row applies nothing, and the group is read and decided again.
 *
 * <p>Because every write is pinned, the backend receives plain values (increments are computed from the row read) and
 * the rows after the group are known without another read. An unknown outcome is settled by {@link Settlement} on a
 * store with write identities (each row's pinned state cannot come back), otherwise reported as unknown.
 */
final class GroupOperations<T, K> {
    /** Reads and decides again at most this often while the rows keep changing between the read and the write. */
    private static final int MAX_ATTEMPTS = 100;

    private enum Kind { INSERT, UPDATE, DELETE }

    /**
     * One checked write of the group.
     *
     * @param inserted the row to insert (without version and hidden columns), for an insert
     * @param expected the required version, for a versioned update or delete
     * @param condition the required condition, for a conditional update or delete
     * @param assignments the changes, for an update
     */
    private record Item<K>(int index, K key, PrimaryKey primaryKey, Kind kind, Row inserted, Object expected,
            Condition condition, List<Assignment> assignments) {
    }

    /** One write pinned to the state read: the statement, the row it produces (null for a delete), how to settle it. */
    private record Pinned(GroupStatement statement, Row after, Settlement.PendingWrite pending) {
    }

    private final DefaultVersionedStore store;
    private final EntityMapper<T> mapper;
    private final KeyMapper<K> keys;
    private final EntitySpec spec;
    private final EntitySpec stored;
    private final boolean identities;
    private final Visibility visibility;
    private final BackendCalls calls;
    private final Settlement settlement;

    GroupOperations(DefaultVersionedStore store, EntityMapper<T> mapper, KeyMapper<K> keys, EntitySpec stored,
            Visibility visibility, BackendCalls calls, Settlement settlement) {
        this.store = store;
        this.mapper = mapper;
        this.keys = keys;
        this.spec = mapper.spec();
        this.stored = stored;
        this.identities = visibility.identities();
        this.visibility = visibility;
        this.calls = calls;
        this.settlement = settlement;
    }

    CompletionStage<GroupResult<T, K>> apply(List<GroupWrite<T, K>> writes) {
        return Stages.start(() -> {
            List<Item<K>> items = check(writes);
            List<PrimaryKey> primaryKeys = items.stream().map(Item::primaryKey).toList();
            return attempt(items, primaryKeys, 1, System.nanoTime());
        });
    }

    // ---- input ----

    private List<Item<K>> check(List<GroupWrite<T, K>> writes) {
        if (writes == null) throw new IllegalArgumentException("writes must not be null");
        if (writes.isEmpty()) throw new IllegalArgumentException("writes must not be empty: a group needs at least one write");
        if (writes.size() > GroupResult.MAX_WRITES) {
            throw new IllegalArgumentException("writes: a group holds at most " + GroupResult.MAX_WRITES + " writes, got "
                    + writes.size());
        }
        List<Item<K>> items = new ArrayList<>(writes.size());
        Map<PrimaryKey, Integer> seen = new HashMap<>();
        for (int index = 0; index < writes.size(); index++) {
            Item<K> item = item(index, writes.get(index));
            Integer earlier = seen.putIfAbsent(item.primaryKey(), index);
            if (earlier != null) {
                throw new IllegalArgumentException("writes " + earlier + " and " + index + " both name the row " + item.key()
                        + " of " + spec.table() + ": a group writes each row at most once");
            }
            items.add(item);
        }
        int partitionColumns = spec.partitionKey().size();
        List<Object> partition = items.get(0).primaryKey().values().subList(0, partitionColumns);
        List<String> outside = new ArrayList<>();
        for (Item<K> item : items) {
            if (!samePartition(partition, item.primaryKey().values().subList(0, partitionColumns))) {
                outside.add("write " + item.index() + " " + item.key());
            }
        }
        if (!outside.isEmpty()) {
            throw new IllegalArgumentException("writes: a group's rows must share one partition key " + spec.partitionKey()
                    + "; write 0 " + items.get(0).key() + " is in partition " + partition + ", but " + String.join(", ", outside)
                    + (outside.size() == 1 ? " is not" : " are not"));
        }
        return items;
    }

    private static boolean samePartition(List<Object> first, List<Object> other) {
        for (int i = 0; i < first.size(); i++) {
            if (!Values.same(first.get(i), other.get(i))) return false;
        }
        return true;
    }

    private Item<K> item(int index, GroupWrite<T, K> write) {
        String argument = "writes[" + index + "]";
        if (write == null) throw new IllegalArgumentException(argument + " must not be null");
        try {
            if (write instanceof GroupWrite.Insert<T, K> insert) {
                if (insert.entity() == null) throw new IllegalArgumentException("entity must not be null");
                Row row = mapper.toRow(insert.entity());
                PrimaryKey primaryKey = spec.keyOf(row);
                return new Item<>(index, keys.fromPrimaryKey(primaryKey), primaryKey, Kind.INSERT, row, null, null, null);
            }
            if (write instanceof GroupWrite.UpdateWithVersion<T, K> update) {
                return new Item<>(index, update.key(), keys.toPrimaryKey(update.key()), Kind.UPDATE, null,
                        InputChecks.version(spec, update.expectedVersion()), null, InputChecks.assignments(mapper, update.changes()));
            }
            if (write instanceof GroupWrite.Update<T, K> update) {
                return new Item<>(index, update.key(), keys.toPrimaryKey(update.key()), Kind.UPDATE, null, null,
                        InputChecks.condition(mapper, update.condition()), InputChecks.assignments(mapper, update.changes()));
            }
            if (write instanceof GroupWrite.DeleteWithVersion<T, K> delete) {
                return new Item<>(index, delete.key(), keys.toPrimaryKey(delete.key()), Kind.DELETE, null,
                        InputChecks.version(spec, delete.expectedVersion()), null, null);
            }
            GroupWrite.Delete<T, K> delete = (GroupWrite.Delete<T, K>) write;
            return new Item<>(index, delete.key(), keys.toPrimaryKey(delete.key()), Kind.DELETE, null, null,
                    InputChecks.condition(mapper, delete.condition()), null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(argument + ": " + e.getMessage(), e);
        }
    }

    // ---- deciding ----

    private CompletionStage<GroupResult<T, K>> attempt(List<Item<K>> items, List<PrimaryKey> primaryKeys, int attempt, long start) {
        if (attempt > MAX_ATTEMPTS) {
            Item<K> first = items.get(0);
            return Stages.failed(new ContentionException(spec.table(), first.key(), "a group of " + items.size() + " writes to "
                    + spec.table() + " gave up after " + MAX_ATTEMPTS + " attempts because its rows kept changing between the"
                    + " read and the write; nothing was written"));
        }
        return call(start, calls.findGroup(stored, primaryKeys)).thenCompose(rows -> {
            List<Status> statuses = new ArrayList<>(items.size());
            boolean refused = false;
            for (int i = 0; i < items.size(); i++) {
                Status status = decide(items.get(i), rows.get(i));
                refused |= status != Status.HELD;
                statuses.add(status);
            }
            UUID identity = WriteIdentity.next();
            if (refused) return refuse(items, rows, statuses, identity, start);
            List<Pinned> pinned = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) pinned.add(pin(items.get(i), rows.get(i).orElse(null), identity));
            List<GroupStatement> statements = pinned.stream().map(Pinned::statement).toList();
            Supplier<CompletionStage<Boolean>> send = () -> calls.applyGroup(stored, statements);
            return sent(items, primaryKeys, pinned, send, start).thenCompose(applied -> {
                if (!applied) return attempt(items, primaryKeys, attempt + 1, start);
                record(Outcome.APPLIED, start);
                List<GroupItem<T, K>> done = new ArrayList<>(items.size());
                for (int i = 0; i < items.size(); i++) {
                    Row after = pinned.get(i).after();
                    done.add(new GroupItem<>(i, items.get(i).key(), Status.APPLIED, after == null ? null : entity(after)));
                }
                return Stages.done(new GroupResult<>(true, done));
            });
        });
    }

    /**
     * A group refused on its read. When some of its writes held, the backend is asked to refuse it too: the held
     * writes pinned to the state read, each failing one as a statement that can never apply. So the backend, not only
     * this read, stands for all-or-nothing (a backend that applied a group write by write would apply the held ones,
     * and rule 1.23 sees it). The answer cannot be "applied" from a correct backend, and an unknown one is "refused".
     */
    private CompletionStage<GroupResult<T, K>> refuse(List<Item<K>> items, List<Optional<Row>> rows, List<Status> statuses,
            UUID identity, long start) {
        GroupResult<T, K> refusal = refusal(items, rows, statuses);
        if (!statuses.contains(Status.HELD)) {
            record(Outcome.CONFLICT, start);
            return Stages.done(refusal);
        }
        List<GroupStatement> statements = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Item<K> item = items.get(i);
            statements.add(statuses.get(i) == Status.HELD ? pin(item, rows.get(i).orElse(null), identity).statement()
                    : new GroupStatement.Delete(item.primaryKey(), Condition.isNull(spec.versionColumn())));
        }
        return call(start, calls.applyGroup(stored, statements)).handle((applied, failure) -> {
            Throwable cause = failure == null ? null : Stages.unwrap(failure);
            if (cause instanceof RuntimeException other && !(cause instanceof OutcomeUnknownException)) throw other;
            if (cause != null && !(cause instanceof OutcomeUnknownException)) throw new java.util.concurrent.CompletionException(cause);
            if (Boolean.TRUE.equals(applied)) {
                throw new BackendException("the backend applied a group of " + items.size() + " writes to "
                        + spec.table() + " although one of its statements requires a row without a version, which no"
                        + " stored row is: the backend does not apply groups all or nothing", null);
            }
            record(Outcome.CONFLICT, start);
            return refusal;
        });
    }

    /** Whether the write's own condition holds on the row as read ({@code HELD}), or how it fails. */
    private Status decide(Item<K> item, Optional<Row> found) {
        Row row = found.orElse(null);
        if (item.kind() == Kind.INSERT) return row == null || WriteIdentity.isTombstone(row) ? Status.HELD : Status.EXISTS;
        if (row == null || !visibility.isVisible(row)) return Status.NOT_FOUND;
        boolean holds = item.expected() != null ? Values.same(row.asMap().get(spec.versionColumn()), item.expected())
                : Conditions.test(item.condition(), row);
        return holds ? Status.HELD : Status.CONFLICT;
    }

    private GroupResult<T, K> refusal(List<Item<K>> items, List<Optional<Row>> rows, List<Status> statuses) {
        List<GroupItem<T, K>> refused = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Row row = rows.get(i).orElse(null);
            boolean shown = row != null && (statuses.get(i) == Status.EXISTS || visibility.isVisible(row));
            refused.add(new GroupItem<>(i, items.get(i).key(), statuses.get(i), shown ? entity(row) : null));
        }
        return new GroupResult<>(false, refused);
    }

    // ---- pinning ----

    /** The write as a statement that applies only to {@code row}, the exact state read (null: no row). */
    private Pinned pin(Item<K> item, Row row, UUID identity) {
        String version = spec.versionColumn();
        if (item.kind() == Kind.INSERT && row == null) {
            Object initial = store.versions().initial(spec.versionKind());
            Row.Builder builder = item.inserted().toBuilder().set(version, initial);
            if (identities) {
                builder.set(WriteIdentity.WRITE, identity).set(WriteIdentity.DELETED, null).set(WriteIdentity.CREATED, identity);
            }
            Row inserted = builder.build();
            return new Pinned(new GroupStatement.Insert(item.primaryKey(), inserted), inserted,
                    new Settlement.PendingWrite(identity, null, initial, false, null));
        }
        Object current = row.asMap().get(version);
        if (item.kind() == Kind.INSERT) {
            // A re-insert over a tombstone: every column anew, continuing from the version the tombstone deleted.
            Object next = store.versions().next(spec.versionKind(), Versions.deletedAt(current));
            List<Assignment.SetValue> values = new ArrayList<>();
            for (ColumnDefinition column : spec.columns()) {
                if (spec.isKey(column.name()) || column.name().equals(version)) continue;
                values.add(new Assignment.SetValue(column.name(), item.inserted().asMap().get(column.name())));
            }
            values.add(new Assignment.SetValue(version, next));
            values.add(new Assignment.SetValue(WriteIdentity.WRITE, identity));
            values.add(new Assignment.SetValue(WriteIdentity.DELETED, null));
            values.add(new Assignment.SetValue(WriteIdentity.HISTORY, WriteIdentity.historyAfter(row, version)));
            Condition condition = Condition.equalTo(version, current)
                    .and(Condition.equalTo(WriteIdentity.DELETED, WriteIdentity.deleteOf(row)));
            return set(item, row, values, condition, new Settlement.PendingWrite(identity, current, next, false, null));
        }
        Condition pinned = visibility.guardVersion(version, current);
        if (item.kind() == Kind.DELETE) {
            if (!identities) return new Pinned(new GroupStatement.Delete(item.primaryKey(), pinned), null, null);
            List<Assignment.SetValue> tombstone = List.of(new Assignment.SetValue(WriteIdentity.DELETED, identity),
                    new Assignment.SetValue(version, Versions.ofTombstone(current)));
            return new Pinned(new GroupStatement.Set(item.primaryKey(), tombstone, pinned), null,
                    new Settlement.PendingWrite(identity, current, current, true, null));
        }
        Object next = store.versions().next(spec.versionKind(), current);
        Row changed = Assignments.apply(row, item.assignments());
        List<Assignment.SetValue> values = new ArrayList<>();
        for (Assignment assignment : item.assignments()) {
            values.add(new Assignment.SetValue(assignment.column(), changed.asMap().get(assignment.column())));
        }
        values.add(new Assignment.SetValue(version, next));
        if (identities) {
            values.add(new Assignment.SetValue(WriteIdentity.WRITE, identity));
            if (WriteIdentity.writeOf(row) != null) {
                values.add(new Assignment.SetValue(WriteIdentity.HISTORY, WriteIdentity.historyAfter(row, version)));
            }
        }
        return set(item, row, values, pinned, identities ? new Settlement.PendingWrite(identity, current, next, false, null) : null);
    }

    private Pinned set(Item<K> item, Row row, List<Assignment.SetValue> values, Condition condition,
            Settlement.PendingWrite pending) {
        Row after = Assignments.apply(row, List.copyOf(values));
        return new Pinned(new GroupStatement.Set(item.primaryKey(), values, condition), after, pending);
    }

    // ---- sending ----

    /** Sends the group; an unknown outcome is settled (with write identities) or reported. */
    private CompletionStage<Boolean> sent(List<Item<K>> items, List<PrimaryKey> primaryKeys, List<Pinned> pinned,
            Supplier<CompletionStage<Boolean>> send, long start) {
        Object firstKey = items.get(0).key();
        return call(start, Stages.start(send)).handle((applied, failure) -> {
            if (failure == null) return Stages.done(applied);
            Throwable cause = Stages.unwrap(failure);
            if (!(cause instanceof OutcomeUnknownException unknown)) return Stages.<Boolean>failed(cause);
            if (!identities) {
                record(Outcome.UNKNOWN, start);
                return Stages.<Boolean>failed(new OutcomeUnknownException(spec.table(), firstKey, Resolution.UNKNOWN,
                        "the outcome of a group of " + items.size() + " writes is unknown, and the store keeps no write"
                                + " identities to settle it", unknown));
            }
            List<Settlement.PendingWrite> pending = pinned.stream().map(Pinned::pending).toList();
            return settlement.settleGroup(pending, primaryKeys, send, firstKey, unknown).whenComplete((result, unsettled) -> {
                if (unsettled == null) {
                    record(Outcome.SETTLED, start);
                } else if (Stages.unwrap(unsettled) instanceof OutcomeUnknownException) {
                    record(Outcome.UNKNOWN, start);
                }
            });
        }).thenCompose(stage -> stage);
    }

    private T entity(Row row) {
        return mapper.toEntity(row);
    }

    /** Records failures other than outcomes (unknown outcomes are recorded when resolved) as FAILED. */
    private <R> CompletionStage<R> call(long start, CompletionStage<R> backendCall) {
        return backendCall.whenComplete((result, failure) -> {
            if (failure != null && !(Stages.unwrap(failure) instanceof OutcomeUnknownException)) record(Outcome.FAILED, start);
        });
    }

    private void record(Outcome outcome, long start) {
        store.metrics().record(spec.table(), Operation.GROUP, outcome, start);
    }
}
