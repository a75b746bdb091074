package dev.optilock.internal;

import dev.optilock.Changes;
import dev.optilock.ColumnChange;
import dev.optilock.ColumnDefinition;
import dev.optilock.ColumnType;
import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import dev.optilock.spi.PreparedSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The {@link PreparedSet}s of one repository: {@code updateWithVersion(key, version, changes)} of set values that, with
 * the key, the next version and the view's guard, name every column of the entity ({@link KnownAfter}). Such a write
 * is the one a versioned update of those changes would send ({@code Backend.set} of the changes, the next version and
 * the write identity, guarded by the expected version and the view), prepared once per shape of the changes: the
 * names they give, in their order. The few shapes met last are kept (a repository is written in a few shapes); any
 * other is prepared again when it comes.
 *
 * <p>Changes with an increment, a name that is not a column the changes may set, or that leave a column of the entity
 * unknown take the general path, which checks them and says what is wrong.
 */
final class PreparedWrites {
    private static final int KEPT = 8;

    private final EntityMapper<?> mapper;
    /** The spec the writes are sent with (without the hidden columns a versioned update does not name). */
    private final EntitySpec target;
    private final BackendCalls calls;
    private final KnownAfter knownAfter;
    /** The hidden columns a versioned update sets after the version: the write identity, where the store keeps them. */
    private final List<String> hiddenSets;
    /** The columns the view's guard requires to be null, in the guard's order. */
    private final List<String> nullColumns;
    /**
     * Whether {@link #nullColumns} leave out the tombstone mark because tombstones take versions apart: the prepared
     * sets then stand only for expected versions at which no tombstone can be.
     */
    private final boolean tombstonesByVersion;
    private final boolean enabled;
    /** Immutable shapes, replaced in turn; a racing reader sees an old one or a new one, both valid. */
    private final Shape[] kept = new Shape[KEPT];
    private int next;

    /**
     * @param target the spec versioned updates are sent with
     * @param identities whether the store keeps write identities
     * @param visibility the view's guard
     */
    PreparedWrites(EntityMapper<?> mapper, EntitySpec target, BackendCalls calls, KnownAfter knownAfter, boolean identities,
            Visibility visibility) {
        this.mapper = mapper;
        this.target = target;
        this.calls = calls;
        this.knownAfter = knownAfter;
        this.hiddenSets = identities ? List.of(WriteIdentity.WRITE) : List.of();
        this.nullColumns = visibility.nullColumns(mapper.spec().versionKind());
        this.tombstonesByVersion = identities && Versions.tombstonesApart(mapper.spec().versionKind());
        this.enabled = calls.prepares();
    }

    /**
     * The prepared shape of {@code changes} written at {@code expected}, or null when they take the general path (as
     * does a write at a version where a tombstone may be, whose guard needs more than the version).
     */
    Shape find(Changes changes, Object expected) {
        if (!enabled || changes == null || changes.isEmpty()) return null;
        if (tombstonesByVersion && !Versions.noTombstoneAt(expected)) return null;
        List<ColumnChange> given = changes.changes();
        for (int i = 0; i < given.size(); i++) {
            if (!(given.get(i) instanceof ColumnChange.SetValue)) return null;
        }
        for (Shape shape : kept) {
            if (shape != null && shape.gives(given)) return shape.prepared == null ? null : shape;
        }
        Shape shape = prepare(given);
        keep(shape);
        return shape.prepared == null ? null : shape;
    }

    private Shape prepare(List<ColumnChange> given) {
        String[] names = new String[given.size()];
        ColumnType[] types = new ColumnType[names.length];
        List<String> columns = new ArrayList<>(given.size() + 1 + hiddenSets.size());
        EntitySpec entity = mapper.spec();
        boolean settable = true;
        for (int i = 0; i < names.length; i++) {
            names[i] = given.get(i).column();
            String column = mapper.columnFor(names[i]);
            // A column of the entity's own (not a hidden one), neither key nor version: else InputChecks says what is wrong.
            ColumnDefinition definition = entity.column(column).orElse(null);
            settable &= definition != null && !entity.isKey(column) && !column.equals(entity.versionColumn());
            types[i] = definition == null ? null : definition.type();
            columns.add(column);
        }
        columns.add(target.versionColumn());
        columns.addAll(hiddenSets);
        int[] places = settable ? knownAfter.places(columns) : null;
        PreparedSet prepared = places == null ? null : calls.prepareSet(target, columns, nullColumns);
        return new Shape(names, types, columns.toArray(String[]::new), places, prepared);
    }

    private synchronized void keep(Shape shape) {
        kept[next] = shape;
        next = (next + 1) % KEPT;
    }

    /** One shape of changes: the names they give, and the prepared set that sends them (null: the general path). */
    final class Shape {
        private final String[] given;
        /** The type of each given column, which converts its values. */
        private final ColumnType[] types;
        /** The columns the prepared set sets: the changed ones, the version, the hidden ones. */
        private final String[] columns;
        /** Where each of {@link #columns} goes in the entity's row ({@link KnownAfter#places}). */
        private final int[] places;
        private final PreparedSet prepared;

        private Shape(String[] given, ColumnType[] types, String[] columns, int[] places, PreparedSet prepared) {
            this.given = given;
            this.types = types;
            this.columns = columns;
            this.places = places;
            this.prepared = prepared;
        }

        PreparedSet prepared() {
            return prepared;
        }

        /**
         * The values of a call, in the order of the prepared set's columns: the changes' (checked and normalised, as
         * {@link InputChecks#assignments} checks them), the next version, and the write identity where the store keeps
         * them.
         */
        Object[] values(List<ColumnChange> changes, Object nextVersion, UUID identity) {
            Object[] values = new Object[columns.length];
            for (int i = 0; i < given.length; i++) {
                values[i] = InputChecks.changedValue(types[i], columns[i], ((ColumnChange.SetValue) changes.get(i)).value());
            }
            values[given.length] = nextVersion;
            if (!hiddenSets.isEmpty()) values[given.length + 1] = identity;
            return values;
        }

        /**
         * The entity's row after a call with {@code values} applied to the row with {@code key}: its values in the
         * order of the entity's columns.
         */
        Object[] rowAfter(PrimaryKey key, Object[] values) {
            return knownAfter.of(key, places, values);
        }

        /**
         * The entity after a call with {@code values} applied to the row with {@code key}: {@link #rowAfter}'s row, made
         * into the entity without an array of its own.
         */
        <E> E entityAfter(EntityMapper<E> mapper, PrimaryKey key, Object[] values) {
            return knownAfter.entity(mapper, key, places, values);
        }

        /** Whether {@code changes} give the names of this shape, in its order. */
        private boolean gives(List<ColumnChange> changes) {
            if (changes.size() != given.length) return false;
            for (int i = 0; i < given.length; i++) {
                String name = changes.get(i).column();
                if (name != given[i] && !name.equals(given[i])) return false;
            }
            return true;
        }
    }
}
