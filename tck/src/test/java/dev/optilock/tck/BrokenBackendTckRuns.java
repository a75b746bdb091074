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
