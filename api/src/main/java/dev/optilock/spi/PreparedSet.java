package dev.optilock.spi;

import dev.optilock.Condition;
import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import java.util.ArrayList;
import java.util.List;

/**
 * A versioned write of one shape, prepared by a backend once ({@link Backend#prepareSet}) and sent by the store many
 * times: each call sets the same columns of one row to the call's values, if the row's version column holds the
 * call's expected version and each of the shape's guard columns is null. It is the store's most frequent write
 * ({@code updateWithVersion} of plain values that name every column of the entity), and the shape lets a backend find
 * its statement and bind the call's values without reading assignment and condition objects per call.
 *
 * <p>A call means exactly {@link Backend#set} of {@link #values(List, Object[]) the equivalent set values} under
 * {@link #condition(EntitySpec, Object, List) the equivalent condition}, and has its outcomes and failures:
 * {@code Applied}, {@code NotApplied(current)} or {@code NotFound}. The store knows the row after an applied call (its
 * shape names every column of the entity), so {@code Applied}'s row is null, unless the database stored some value
 * otherwise than given (H2 stores {@code -0.0} as {@code 0.0}, say): the row it wrote is then reported, and the store
 * returns that one. Inputs are checked and normalised by the store, as for every primitive. A prepared set is safe to
 * use from many threads at once and lives as long as its backend.
 */
@FunctionalInterface
public interface PreparedSet {

    /**
     * Sets the shape's columns of the row with {@code key} to {@code values} if its version is {@code expectedVersion}
     * and each guard column is null.
     *
     * @param values one value per column of the shape, in its order; the array is neither changed nor kept
     */
    WriteOutcome set(PrimaryKey key, Object[] values, Object expectedVersion);

    /** {@code values} as the set values of {@code columns} they stand for, in order: what {@link Backend#set} takes. */
    static List<Assignment.SetValue> values(List<String> columns, Object[] values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(values.length + " values for the " + columns.size() + " columns " + columns);
        }
        List<Assignment.SetValue> set = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) set.add(new Assignment.SetValue(columns.get(i), values[i]));
        return set;
    }

    /**
     * The condition a call stands for: {@code versionColumn = expectedVersion}, then {@code column IS NULL} for each
     * guard column, in order (the store's guard of a versioned write, as {@link Backend#set} receives it).
     */
    static Condition condition(EntitySpec spec, Object expectedVersion, List<String> nullColumns) {
        Condition version = Condition.equalTo(spec.versionColumn(), expectedVersion);
        if (nullColumns.isEmpty()) return version;
        Condition[] parts = new Condition[nullColumns.size() + 1];
        parts[0] = version;
        for (int i = 0; i < nullColumns.size(); i++) parts[i + 1] = Condition.isNull(nullColumns.get(i));
        return Condition.all(parts);
    }
}
