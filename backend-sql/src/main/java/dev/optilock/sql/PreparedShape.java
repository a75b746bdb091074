package dev.optilock.sql;

import dev.optilock.ColumnType;
import dev.optilock.PrimaryKey;
import dev.optilock.sql.WriteStyle.Write;

/**
 * The statement of a {@link dev.optilock.spi.PreparedSet} on one table, and where each of its arguments comes from:
 * a value of the call, a key value, or the expected version ({@link TableStatements#prepareSet} learns it once from the
 * statement's general rendering). A call's values are then read in place ({@link Call}), by the index its statement
 * and its probe give each of their placeholders: nothing is copied, and nothing is allocated per call.
 */
final class PreparedShape {
    /** {@link #sources} past the values and the key: the expected version. */
    private static final int EXPECTED = -1;

    private final Write write;
    private final int valueCount;
    /** For each argument: the index of its value (below {@link #valueCount}), of its key value (after), or {@link #EXPECTED}. */
    private final int[] sources;
    private final ColumnType[] types;

    PreparedShape(Write write, int valueCount, int[] sources, ColumnType[] types) {
        this.write = write;
        this.valueCount = valueCount;
        this.sources = sources;
        this.types = types;
    }

    /** Where {@code argument}, one of the markers, comes from. */
    static int source(Object argument, Object[] values, Object[] key, Object expected) {
        if (argument == expected) return EXPECTED;
        for (int i = 0; i < values.length; i++) {
            if (argument == values[i]) return i;
        }
        for (int i = 0; i < key.length; i++) {
            if (argument == key[i]) return values.length + i;
        }
        throw new IllegalStateException("an argument of a prepared set's statement is none of its inputs");
    }

    /** The statement, binding {@link #bind}'s arguments. */
    Write write() {
        return write;
    }

    /**
     * The values of one call, read from its inputs where the statement binds them: the thread's spare {@link Call}
     * (a new one when the thread's is lent out already), to be closed after the call.
     *
     * @throws IllegalArgumentException when {@code values} are not one per column of this set
     */
    Call call(PrimaryKey key, Object[] values, Object expectedVersion) {
        if (values.length != valueCount) {
            throw new IllegalArgumentException("values: " + values.length + " values for a prepared set of " + valueCount + " columns");
        }
        Call call = Call.SPARE.get();
        if (call.lent) call = new Call();
        call.lend(this, key, values, expectedVersion);
        return call;
    }

    /**
     * One call of a prepared set: its key, its values (one per column) and the version it expects. A thread keeps one
     * and lends it to each of its calls in turn (a write allocates no carrier of its own); closing it forgets the
     * call's values, so that it keeps none of them alive.
     */
    static final class Call implements CallValues, AutoCloseable {
        private static final ThreadLocal<Call> SPARE = ThreadLocal.withInitial(Call::new);

        private PreparedShape shape;
        private PrimaryKey key;
        private Object[] values;
        private Object expectedVersion;
        private boolean lent;

        private void lend(PreparedShape shape, PrimaryKey key, Object[] values, Object expectedVersion) {
            this.shape = shape;
            this.key = key;
            this.values = values;
            this.expectedVersion = expectedVersion;
            this.lent = true;
        }

        @Override
        public Object value(int index) {
            int source = shape.sources[index];
            if (source == EXPECTED) return expectedVersion;
            return source < shape.valueCount ? values[source] : key.get(source - shape.valueCount);
        }

        @Override
        public ColumnType type(int index) {
            return shape.types[index];
        }

        @Override
        public void close() {
            shape = null;
            key = null;
            values = null;
            expectedVersion = null;
            lent = false;
        }
    }
}
