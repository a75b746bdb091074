package dev.optilock.tck;

import dev.optilock.StoreOptions;
import dev.optilock.VersionedStore;
import dev.optilock.VersionedStores;
import dev.optilock.spi.Backend;
import java.util.function.Supplier;

/**
 * One TCK class per broken backend. They are nested classes so that Surefire does not run them on its own
 * (they are meant to fail); {@link BrokenBackendsAreCaughtTest} launches each and asserts that it fails.
 */
final class BrokenBackendTckRuns {
    private BrokenBackendTckRuns() {
    }

    /** The TCK on a broken backend, reported as {@code broken-<name>.json}. */
    abstract static class BrokenTck extends OptilockTck {
        private final String name;
        private final Supplier<Backend> backend;

        BrokenTck(String name, Supplier<Backend> backend) {
            this.name = name;
            this.backend = backend;
        }

        @Override
        protected VersionedStore openStore(StoreOptions options) {
            return BrokenBackends.store(backend.get(), options);
        }

        @Override
        protected String backendName() {
            return "broken-" + name;
        }
    }

    static final class ReadThenWrite extends BrokenTck {
        ReadThenWrite() {
            super("read-then-write", () -> new BrokenBackends.ReadThenWrite(BrokenBackends.reference("broken-read-then-write")));
        }
    }

    static final class IgnoresVersion extends BrokenTck {
        IgnoresVersion() {
            super("ignores-version", () -> new BrokenBackends.IgnoresVersion(BrokenBackends.reference("broken-ignores-version")));
        }
    }

    static final class ConflictAsNotFound extends BrokenTck {
        ConflictAsNotFound() {
            super("conflict-as-not-found",
                    () -> new BrokenBackends.ConflictAsNotFound(BrokenBackends.reference("broken-conflict-as-not-found")));
        }
    }

    static final class StaleCache extends BrokenTck {
        StaleCache() {
            super("stale-cache", () -> new BrokenBackends.StaleCache(BrokenBackends.reference("broken-stale-cache")));
        }
    }

    static final class DoubleInsert extends BrokenTck {
        DoubleInsert() {
            super("double-insert", () -> new BrokenBackends.DoubleInsert(BrokenBackends.reference("broken-double-insert")));
        }
    }

    static final class WriteByWriteGroup extends BrokenTck {
        WriteByWriteGroup() {
            super("write-by-write-group",
                    () -> new BrokenBackends.WriteByWriteGroup(BrokenBackends.reference("broken-write-by-write-group")));
        }
    }

    static final class UnknownAsSuccess extends BrokenTck {
        UnknownAsSuccess() {
            super("unknown-as-success",
                    () -> new BrokenBackends.UnknownAsSuccess(BrokenBackends.lossyReference("broken-unknown-as-success")));
        }
    }

    static final class NanAsNull extends BrokenTck {
        NanAsNull() {
            super("nan-as-null", () -> new ManglingBackends.NanAsNull(BrokenBackends.reference("broken-nan-as-null")));
        }
    }

    static final class DoubleAsFloat extends BrokenTck {
        DoubleAsFloat() {
            super("double-as-float", () -> new ManglingBackends.DoubleAsFloat(BrokenBackends.reference("broken-double-as-float")));
        }
    }

    static final class LongAsDouble extends BrokenTck {
        LongAsDouble() {
            super("long-as-double", () -> new ManglingBackends.LongAsDouble(BrokenBackends.reference("broken-long-as-double")));
        }
    }

    static final class DecimalScaleTwo extends BrokenTck {
        DecimalScaleTwo() {
            super("decimal-scale-two", () -> new ManglingBackends.DecimalScaleTwo(BrokenBackends.reference("broken-decimal-scale-two")));
        }
    }

    static final class TimestampSeconds extends BrokenTck {
        TimestampSeconds() {
            super("timestamp-seconds", () -> new ManglingBackends.TimestampSeconds(BrokenBackends.reference("broken-timestamp-seconds")));
        }
    }

    static final class EmptyTextAsNull extends BrokenTck {
        EmptyTextAsNull() {
            super("empty-text-as-null", () -> new ManglingBackends.EmptyTextAsNull(BrokenBackends.reference("broken-empty-text-as-null")));
        }
    }

    static final class TrimmedText extends BrokenTck {
        TrimmedText() {
            super("trimmed-text", () -> new ManglingBackends.TrimmedText(BrokenBackends.reference("broken-trimmed-text")));
        }
    }

    static final class TruncatedText extends BrokenTck {
        TruncatedText() {
            super("truncated-text", () -> new ManglingBackends.TruncatedText(BrokenBackends.reference("broken-truncated-text")));
        }
    }

    static final class TrailingZeroBytesStripped extends BrokenTck {
        TrailingZeroBytesStripped() {
            super("trailing-zero-bytes-stripped", () -> new ManglingBackends.TrailingZeroBytesStripped(BrokenBackends.reference("broken-trailing-zero-bytes-stripped")));
        }
    }

    static final class CaseInsensitiveKeys extends BrokenTck {
        CaseInsensitiveKeys() {
            super("case-insensitive-keys", () -> new ManglingBackends.CaseInsensitiveKeys(BrokenBackends.reference("broken-case-insensitive-keys")));
        }
    }

    static final class PaddedKeys extends BrokenTck {
        PaddedKeys() {
            super("padded-keys", () -> new ManglingBackends.PaddedKeys(BrokenBackends.reference("broken-padded-keys")));
        }
    }

    static final class NormalizedKeys extends BrokenTck {
        NormalizedKeys() {
            super("normalized-keys", () -> new ManglingBackends.NormalizedKeys(BrokenBackends.reference("broken-normalized-keys")));
        }
    }

    static final class InsertOverwrites extends BrokenTck {
        InsertOverwrites() {
            super("insert-overwrites", () -> new OperationBrokenBackends.InsertOverwrites(BrokenBackends.reference("broken-insert-overwrites")));
        }
    }

    static final class IncrementWraps extends BrokenTck {
        IncrementWraps() {
            super("increment-wraps", () -> new OperationBrokenBackends.IncrementWraps(BrokenBackends.reference("broken-increment-wraps")));
        }
    }

    static final class LostIncrement extends BrokenTck {
        LostIncrement() {
            super("lost-increment", () -> new OperationBrokenBackends.LostIncrement(BrokenBackends.reference("broken-lost-increment")));
        }
    }

    static final class GroupIgnoresConditions extends BrokenTck {
        GroupIgnoresConditions() {
            super("group-ignores-conditions", () -> new OperationBrokenBackends.GroupIgnoresConditions(BrokenBackends.reference("broken-group-ignores-conditions")));
        }
    }

    static final class AsyncDropsComparisons extends BrokenTck {
        AsyncDropsComparisons() {
            super("async-drops-comparisons", () -> new OperationBrokenBackends.AsyncDropsComparisons(BrokenBackends.reference("broken-async-drops-comparisons")));
        }
    }

    static final class UpdatePathNanAsNull extends BrokenTck {
        UpdatePathNanAsNull() {
            super("update-path-nan-as-null",
                    () -> new ManglingBackends.UpdatePathNanAsNull(BrokenBackends.reference("broken-update-path-nan-as-null")));
        }
    }

    static final class ProcessLockOnly extends BrokenTck {
        ProcessLockOnly() {
            super("process-lock-only", () -> new OperationBrokenBackends.ProcessLockOnly(BrokenBackends.reference("broken-process-lock-only")));
        }
    }

    static final class ConflictReadAfterTheWrite extends BrokenTck {
        ConflictReadAfterTheWrite() {
            super("conflict-read-after-the-write", () -> new OperationBrokenBackends.ConflictReadAfterTheWrite(
                    BrokenBackends.reference("broken-conflict-read-after-the-write")));
        }
    }

    /** The reference backend under a store without write identities: versions restart when a deleted key is re-inserted. */
    static final class RepeatingVersions extends OptilockTck {
        @Override
        protected VersionedStore openStore(StoreOptions options) {
            return VersionedStores.open("optilock:mem:broken-repeating-versions", options.mutate().writeIdentities(false).build());
        }

        @Override
        protected String backendName() {
            return "broken-repeating-versions";
        }
    }
}
