package dev.optilock.tck;

import dev.optilock.StoreOptions;
import dev.optilock.VersionedStore;

/**
 * One TCK class per broken backend. They are nested classes so that Surefire does not run them on its own
 * (they are meant to fail); {@link BrokenBackendsAreCaughtTest} launches each and asserts that it fails.
 */
final class BrokenBackendTckRuns {
    private BrokenBackendTckRuns() {
    }

    static final class ReadThenWrite extends OptilockTck {
        @Override
        protected VersionedStore openStore(StoreOptions options) {
            return BrokenBackends.store(new BrokenBackends.ReadThenWrite(BrokenBackends.reference("broken-read-then-write")), options);
        }

        @Override
        protected String backendName() {
            return "broken-read-then-write";
        }
    }

    static final class IgnoresVersion extends OptilockTck {
        @Override
        protected VersionedStore openStore(StoreOptions options) {
            return BrokenBackends.store(new BrokenBackends.IgnoresVersion(BrokenBackends.reference("broken-ignores-version")), options);
        }

        @Override
        protected String backendName() {
            return "broken-ignores-version";
        }
    }

    static final class ConflictAsNotFound extends OptilockTck {
        @Override
        protected VersionedStore openStore(StoreOptions options) {
            return BrokenBackends.store(new BrokenBackends.ConflictAsNotFound(BrokenBackends.reference("broken-conflict-as-not-found")), options);
        }

        @Override
        protected String backendName() {
            return "broken-conflict-as-not-found";
        }
    }

    static final class StaleCache extends OptilockTck {
        @Override
        protected VersionedStore openStore(StoreOptions options) {
            return BrokenBackends.store(new BrokenBackends.StaleCache(BrokenBackends.reference("broken-stale-cache")), options);
        }

        @Override
        protected String backendName() {
            return "broken-stale-cache";
        }
    }

    static final class DoubleInsert extends OptilockTck {
        @Override
        protected VersionedStore openStore(StoreOptions options) {
            return BrokenBackends.store(new BrokenBackends.DoubleInsert(BrokenBackends.reference("broken-double-insert")), options);
        }

        @Override
        protected String backendName() {
            return "broken-double-insert";
        }
    }

    static final class UnknownAsSuccess extends OptilockTck {
        @Override
        protected VersionedStore openStore(StoreOptions options) {
            return BrokenBackends.store(new BrokenBackends.UnknownAsSuccess(BrokenBackends.lossyReference("broken-unknown-as-success")), options);
        }

        @Override
        protected String backendName() {
            return "broken-unknown-as-success";
        }
    }
}
