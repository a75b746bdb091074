package dev.optilock.tck;

import dev.optilock.ColumnType;
import dev.optilock.EntitySpec;
import dev.optilock.StoreOptions;
import dev.optilock.VersionKind;
import dev.optilock.VersionedStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Per-test state of a TCK run: the stores a rule opened (closed after it), fresh table names, and the
 * seed that makes randomised rules reproducible.
 */
public final class TckFixture {
    private final Function<StoreOptions, VersionedStore> opener;
    private final List<VersionedStore> opened = new ArrayList<>();
    private final long seed;
    private final String backendName;
    private final boolean losesResponses;
    private VersionedStore defaultStore;

    TckFixture(Function<StoreOptions, VersionedStore> opener, long seed, String backendName, boolean losesResponses) {
        this.opener = opener;
        this.seed = seed;
        this.backendName = backendName;
        this.losesResponses = losesResponses;
    }

    /** Whether the environment loses responses by itself, so that a rule may meet an unknown outcome the store could not settle. */
    public boolean losesResponses() {
        return losesResponses;
    }

    /**
     * Writes a concurrency rule's recorded history to {@code target/optilock-tck/<backend>-history-<rule>.json}, for
     * external linearizability checkers (format: {@code tck/README.md}).
     */
    public java.nio.file.Path exportHistory(String rule, History history) {
        return HistoryExport.write(backendName, rule, seed, history);
    }

    /**
     * Writes a concurrency rule's recorded history ({@link #exportHistory}) and fails the rule unless the history is
     * linearizable against the {@link RegisterModel}, with the operations no order could place. A history too large for
     * the kit's search to decide (many unknown outcomes) does not fail the rule; it is named on standard error and left
     * in its file for an external checker.
     */
    public void assertLinearizable(String rule, String ruleId, History history) {
        java.nio.file.Path file = exportHistory(ruleId, history);
        LinearizabilityChecker.Result result = LinearizabilityChecker.check(history);
        if (!result.linearizable()) throw new AssertionError(rule + ": the recorded history is not linearizable: " + result.explanation());
        if (!result.decided()) {
            System.err.println("TCK rule " + ruleId + " (seed " + seed + "): not a failure, the rule holds on its invariants, but its"
                    + " history was not checked: " + result.explanation() + "; check " + file + " externally");
        }
    }

    /** The store of this test, opened with default options on first use. */
    public VersionedStore store() {
        if (defaultStore == null) defaultStore = store(StoreOptions.defaults());
        return defaultStore;
    }

    /** Another store of the backend, opened with {@code options}; closed after the test. */
    public VersionedStore store(StoreOptions options) {
        VersionedStore store = opener.apply(options);
        if (store == null) throw new IllegalStateException("openStore returned null");
        opened.add(store);
        return store;
    }

    /** The seed of this test's random choices; failure messages print it. */
    public long seed() {
        return seed;
    }

    /** A fresh table name with this prefix (a valid identifier of at most 48 characters). */
    public static String tableName(String prefix) {
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36).toLowerCase(Locale.ROOT);
        String name = prefix + "_" + suffix;
        return name.length() > 48 ? name.substring(0, 48) : name;
    }

    /** A fresh counter table: {@code id TEXT} key, {@code value BIGINT}, {@code note TEXT}, a version of {@code kind}. */
    public EntitySpec counterTable(String prefix, VersionKind kind) {
        EntitySpec spec = EntitySpec.builder(tableName(prefix)).partitionKey("id", ColumnType.TEXT)
                .column("value", ColumnType.BIGINT).column("note", ColumnType.TEXT).version("version", kind).build();
        store().createTable(spec);
        return spec;
    }

    /**
     * A fresh table with a column of every type: {@code id TEXT} key, {@code text_value}, {@code int_value},
     * {@code bigint_value}, {@code boolean_value}, {@code double_value}, {@code decimal_value}, {@code uuid_value},
     * {@code timestamp_value}, {@code bytes_value}, and a version of {@code kind}.
     */
    public EntitySpec typesTable(String prefix, VersionKind kind) {
        EntitySpec spec = EntitySpec.builder(tableName(prefix)).partitionKey("id", ColumnType.TEXT)
                .column("text_value", ColumnType.TEXT).column("int_value", ColumnType.INT).column("bigint_value", ColumnType.BIGINT)
                .column("boolean_value", ColumnType.BOOLEAN).column("double_value", ColumnType.DOUBLE)
                .column("decimal_value", ColumnType.DECIMAL).column("uuid_value", ColumnType.UUID)
                .column("timestamp_value", ColumnType.TIMESTAMP).column("bytes_value", ColumnType.BYTES)
                .version("version", kind).build();
        store().createTable(spec);
        return spec;
    }

    void closeAll() {
        RuntimeException failure = null;
        for (VersionedStore store : opened) {
            try {
                store.close();
            } catch (RuntimeException e) {
                if (failure == null) failure = e;
            }
        }
        opened.clear();
        defaultStore = null;
        if (failure != null) throw failure;
    }
}
