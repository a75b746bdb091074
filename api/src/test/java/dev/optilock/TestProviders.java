package dev.optilock;

import dev.optilock.memory.MemoryBackend;
import dev.optilock.spi.Backend;
import dev.optilock.spi.VersionedStoreProvider;
import java.util.List;

/** Providers registered for the discovery tests only: two that claim the same URL, and one that cannot load. */
public final class TestProviders {
    private TestProviders() {
    }

    abstract static class Duplicate implements VersionedStoreProvider {
        @Override
        public List<String> urlForms() {
            return List.of("optilock:dup:NAME");
        }

        @Override
        public String artifact() {
            return "test";
        }

        @Override
        public boolean supports(String url) {
            return url.startsWith("optilock:dup:");
        }

        @Override
        public Backend open(String url, StoreOptions options) {
            return new Named(new MemoryBackend(), name());
        }
    }

    /** The reference backend under another name, so a test can see which provider opened it. */
    record Named(MemoryBackend delegate, String name) implements Backend {
        @Override
        public Capabilities capabilities() {
            return new Capabilities(name, delegate.capabilities().features());
        }

        @Override
        public void createTable(EntitySpec spec) {
            delegate.createTable(spec);
        }

        @Override
        public void ping() {
            delegate.ping();
        }

        @Override
        public java.util.Optional<Row> find(EntitySpec spec, PrimaryKey key) {
            return delegate.find(spec, key);
        }

        @Override
        public dev.optilock.spi.WriteOutcome insertIfAbsent(EntitySpec spec, Row row) {
            return delegate.insertIfAbsent(spec, row);
        }

        @Override
        public dev.optilock.spi.WriteOutcome update(EntitySpec spec, PrimaryKey key, List<dev.optilock.spi.Assignment> assignments,
                Condition condition) {
            return delegate.update(spec, key, assignments, condition);
        }

        @Override
        public dev.optilock.spi.WriteOutcome delete(EntitySpec spec, PrimaryKey key, Condition condition) {
            return delegate.delete(spec, key, condition);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    public static final class First extends Duplicate {
        @Override
        public String name() {
            return "first";
        }
    }

    public static final class Second extends Duplicate {
        @Override
        public String name() {
            return "second";
        }
    }

    public static final class Broken extends Duplicate {
        public Broken() {
            throw new IllegalStateException("this provider cannot load");
        }

        @Override
        public String name() {
            return "broken";
        }
    }
}
