package dev.optilock.internal;

import dev.optilock.ColumnDefinition;
import dev.optilock.ColumnType;
import dev.optilock.EntitySpec;
import dev.optilock.Row;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The three hidden columns a store with write identities keeps in every row, next to the entity's own columns:
 * {@value #WRITE}, the identity of the write that produced the row's values (an insert, a re-insert or an update);
 * {@value #DELETED}, the identity of the delete that turned the row into a tombstone (null while it is live); and
 * {@value #CREATED}, the identity of the first insert of the key, which nothing changes afterwards; and
 * {@value #HISTORY}, which earlier states had which identity: a writer that read the row before writing it (as
 * {@code modify} does) records the state it replaces, up to {@value #HISTORY_LENGTH} states, newest first. Each entry
 * is 16 bytes, a 64-bit version fingerprint and a 64-bit digest of the identity (at most 512 bytes); versions never
 * repeat, so an entry stays true however old it is.
 *
 * <p>A delete keeps the row as an invisible tombstone, so a key's versions never repeat across its incarnations: a
 * re-insert continues from the version the tombstone deleted. The tombstone keeps the write identity of the state it
 * deleted and takes a version of its own ({@link Versions#ofTombstone}); what the identities and the history say of
 * it, they say of the state it deleted ({@link #stateVersion}). Identities ({@link #next()}) are unique across the
 * whole history of a row, which is what lets an unknown outcome be settled (see {@link Settlement}).
 */
final class WriteIdentity {
    static final String WRITE = "optilock_write";
    static final String DELETED = "optilock_deleted";
    static final String CREATED = "optilock_created";
    static final String HISTORY = "optilock_history";
    static final int HISTORY_LENGTH = 32;
    private static final int ENTRY_BYTES = 16;
    private static final List<String> HIDDEN = List.of(WRITE, DELETED, CREATED, HISTORY);

    /** Drawn once per JVM: 60 random bits that set this JVM's identities apart from every other's. */
    private static final long PROCESS_BITS = (new SecureRandom().nextLong() & ~0xF000L) | 0x4000L;
    /**
     * Counts this JVM's identities from a random start, in blocks of {@value #BLOCK} that each thread takes for its own
     * (62 bits are used: a wrap needs 4.6 * 10^18 identities, blocks that threads took and did not use up included).
     */
    private static final AtomicLong SEQUENCE = new AtomicLong(new SecureRandom().nextLong());
    /**
     * How many identities a thread takes from {@link #SEQUENCE} at once: the writers of a store then share one counter
     * once per this many writes, not on every write (a cache line every writer would write, moving between cores).
     */
    static final int BLOCK = 1024;
    /** Per thread: the next sequence number of its block, and the end of its block. */
    private static final ThreadLocal<long[]> BLOCKS = ThreadLocal.withInitial(() -> new long[2]);

    private WriteIdentity() {
    }

    /**
     * A new write identity: a version-4-shaped UUID whose high half is this JVM's random bits and whose low half is
     * a counter, so that no two identities of one JVM are equal (nor their history digests), and two
     * JVMs' identities collide with a probability of about 2^-60. Unlike {@link UUID#randomUUID()} it takes no lock
     * and reads no entropy per write; identities are not secrets. A thread's identities come from a block of the
     * counter that no other thread uses, so they are unique without a shared write per identity.
     */
    static UUID next() {
        long[] block = BLOCKS.get();
        long sequence = block[0];
        if (sequence == block[1]) {
            sequence = SEQUENCE.getAndAdd(BLOCK);
            block[1] = sequence + BLOCK;
        }
        block[0] = sequence + 1;
        return new UUID(PROCESS_BITS, (sequence & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L);
    }

    /** The spec the backend stores: the entity's columns, then the hidden ones. */
    static EntitySpec stored(EntitySpec spec) {
        return withHidden(spec, true, true);
    }

    /**
     * The spec an update or a delete is sent with: without {@value #CREATED}, which no write after the first insert
     * changes, and without {@value #HISTORY} unless the write sets it. A backend then knows the whole row after a write
     * that sets every column it names (Cassandra sends one LWT), and the store needs neither column to report it.
     */
    static EntitySpec written(EntitySpec spec, boolean withHistory) {
        return withHidden(spec, false, withHistory);
    }

    private static EntitySpec withHidden(EntitySpec spec, boolean withCreated, boolean withHistory) {
        for (String hidden : HIDDEN) {
            if (spec.column(hidden).isPresent()) {
                throw new IllegalArgumentException("entity '" + spec.table() + "' declares column '" + hidden
                        + "', a name Optilock reserves for its write identities");
            }
        }
        EntitySpec.Builder builder = EntitySpec.builder(spec.table());
        for (ColumnDefinition column : spec.columns()) {
            String name = column.name();
            if (spec.partitionKey().contains(name)) {
                builder.partitionKey(name, column.type());
            } else if (spec.clusteringKey().contains(name)) {
                builder.clusteringKey(name, column.type());
            } else if (name.equals(spec.versionColumn())) {
                builder.version(name, spec.versionKind());
            } else if (spec.softDeleteColumn().filter(name::equals).isPresent()) {
                builder.softDelete(name);
            } else {
                builder.column(name, column.type());
            }
        }
        builder.column(WRITE, ColumnType.UUID).column(DELETED, ColumnType.UUID);
        if (withCreated) builder.column(CREATED, ColumnType.UUID);
        if (withHistory) builder.column(HISTORY, ColumnType.BYTES);
        return builder.build();
    }

    /** The row without the hidden columns, as the entity's own spec describes it. */
    private static boolean hasHidden(Row row) {
        for (String column : HIDDEN) {
            if (row.has(column)) return true;
        }
        return false;
    }

    static Row strip(Row row) {
        if (row == null || !hasHidden(row)) return row;
        Row.Builder visible = Row.builder();
        row.asMap().forEach((column, value) -> {
            if (!HIDDEN.contains(column)) visible.set(column, value);
        });
        return visible.build();
    }

    static boolean isTombstone(Row row) {
        return row != null && row.has(DELETED) && row.asMap().get(DELETED) != null;
    }

    static UUID writeOf(Row row) {
        return row != null && row.has(WRITE) ? (UUID) row.asMap().get(WRITE) : null;
    }

    static UUID creatorOf(Row row) {
        return row != null && row.has(CREATED) ? (UUID) row.asMap().get(CREATED) : null;
    }

    static UUID deleteOf(Row row) {
        return row != null && row.has(DELETED) ? (UUID) row.asMap().get(DELETED) : null;
    }

    /**
     * The history after a write that replaces {@code prior}: the prior state's entry (for a tombstone, also its
     * delete's, under the complement of the version fingerprint), then the prior history.
     */
    static byte[] historyAfter(Row prior, String versionColumn) {
        UUID identity = writeOf(prior);
        UUID deleter = deleteOf(prior);
        byte[] earlier = prior.has(HISTORY) && prior.asMap().get(HISTORY) != null ? (byte[]) prior.asMap().get(HISTORY) : new byte[0];
        if (identity == null) return earlier;
        int added = deleter == null ? 1 : 2;
        int kept = Math.min(earlier.length / ENTRY_BYTES, HISTORY_LENGTH - added);
        ByteBuffer history = ByteBuffer.allocate((kept + added) * ENTRY_BYTES);
        long version = fingerprint(stateVersion(prior, versionColumn));
        if (deleter != null) history.putLong(~version).putLong(digest(deleter));
        history.putLong(version).putLong(digest(identity));
        history.put(earlier, 0, kept * ENTRY_BYTES);
        return history.array();
    }

    /**
     * Whether the row's state at {@code version} was written by {@code identity}: from the current state, or from an
     * entry of the history; null when neither records that state.
     */
    static Boolean producedBy(Row row, Object version, UUID identity, String versionColumn) {
        if (version.equals(stateVersion(row, versionColumn))) return identity.equals(writeOf(row));
        return recorded(row, fingerprint(version), identity);
    }

    /**
     * Whether the tombstone at {@code version} was made by {@code identity}: from the current state, or from the
     * history; null when neither records a tombstone at that version.
     */
    static Boolean deletedBy(Row row, Object version, UUID identity, String versionColumn) {
        if (isTombstone(row) && version.equals(stateVersion(row, versionColumn))) return identity.equals(deleteOf(row));
        return recorded(row, ~fingerprint(version), identity);
    }

    /**
     * The version of the state {@code row} holds: its version, or for a tombstone the version of the row it deleted
     * ({@link Versions#deletedAt}), whose write identity it keeps.
     */
    static Object stateVersion(Row row, String versionColumn) {
        Object version = row.asMap().get(versionColumn);
        return isTombstone(row) ? Versions.deletedAt(version) : version;
    }

    private static Boolean recorded(Row row, long wanted, UUID identity) {
        Object recorded = row.has(HISTORY) ? row.asMap().get(HISTORY) : null;
        if (!(recorded instanceof byte[] bytes)) return null;
        ByteBuffer history = ByteBuffer.wrap(bytes);
        while (history.remaining() >= ENTRY_BYTES) {
            long entry = history.getLong();
            long writer = history.getLong();
            if (entry == wanted) return writer == digest(identity);
        }
        return null;
    }

    /** How many earlier states the row's history records. */
    static int historySize(Row row) {
        Object recorded = row == null || !row.has(HISTORY) ? null : row.asMap().get(HISTORY);
        return recorded instanceof byte[] bytes ? bytes.length / ENTRY_BYTES : 0;
    }

    private static long digest(UUID identity) {
        return identity.getMostSignificantBits() ^ Long.rotateLeft(identity.getLeastSignificantBits(), 1);
    }

    private static long fingerprint(Object version) {
        if (version instanceof Long number) return number;
        if (version instanceof Instant instant) return instant.toEpochMilli();
        UUID uuid = (UUID) version;
        return uuid.getMostSignificantBits() ^ Long.rotateLeft(uuid.getLeastSignificantBits(), 1);
    }
}
