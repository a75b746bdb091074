package dev.optilock;

import dev.optilock.spi.Redaction;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Immutable settings for opening a store. Every setting is optional; a backend documents which it reads
 * and its defaults. The password is never printed: {@link #toString()} shows it, and every property that
 * {@link Redaction} deems sensitive, as {@code REDACTED}.
 *
 * <p>Backend-specific settings go in {@link Builder#property}; a key given both here and as a URL
 * parameter takes the value given here.
 */
public final class StoreOptions {
    private static final StoreOptions DEFAULTS = builder().build();

    private final String provider;
    private final String username;
    private final String password;
    private final Integer poolSize;
    private final Duration timeout;
    private final Clock clock;
    private final boolean writeIdentities;
    private final Executor asyncExecutor;
    private final Map<String, String> properties;

    private StoreOptions(Builder builder) {
        this.provider = builder.provider;
        this.username = builder.username;
        this.password = builder.password;
        this.poolSize = builder.poolSize;
        this.timeout = builder.timeout;
        this.clock = builder.clock;
        this.writeIdentities = builder.writeIdentities;
        this.asyncExecutor = builder.asyncExecutor;
        this.properties = Map.copyOf(builder.properties);
    }

    /** No settings: every backend default applies. */
    public static StoreOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from these options. */
    public Builder mutate() {
        Builder builder = new Builder();
        builder.provider = provider;
        builder.username = username;
        builder.password = password;
        builder.poolSize = poolSize;
        builder.timeout = timeout;
        builder.clock = clock;
        builder.writeIdentities = writeIdentities;
        builder.asyncExecutor = asyncExecutor;
        builder.properties.putAll(properties);
        return builder;
    }

    /** The provider to use when several support the URL, by {@code VersionedStoreProvider.name()}. */
    public Optional<String> provider() {
        return Optional.ofNullable(provider);
    }

    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /** The password; never logged or printed by Optilock. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** The largest number of connections a pool the backend creates may hold. */
    public Optional<Integer> poolSize() {
        return Optional.ofNullable(poolSize);
    }

    /** How long one backend request may take before it fails (a write then has an unknown outcome). */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /**
     * Whether every row carries the identity of the write that produced it, and deletes leave invisible tombstones
     * (true by default). Then a key's versions never repeat across delete and re-insert (no stale write applies to a
     * later incarnation), and unknown outcomes can be settled. Tables need the two hidden columns
     * {@code optilock_write} and {@code optilock_deleted} (UUID); {@code createTable} adds them. Turn it off only for an
     * existing table without them: writes then work as before write identities, with the weaker guarantees the store's
     * capabilities then declare (no {@link Capability#WRITE_IDENTITY}).
     */
    public boolean writeIdentities() {
        return writeIdentities;
    }

    /** The clock TIMESTAMP versions are taken from; the system UTC clock by default. */
    public Clock clock() {
        return clock == null ? Clock.systemUTC() : clock;
    }

    /** Where async operations run when the backend has no native async API; a store-owned pool by default. */
    public Optional<Executor> asyncExecutor() {
        return Optional.ofNullable(asyncExecutor);
    }

    /** A backend-specific setting. */
    public Optional<String> property(String key) {
        return Optional.ofNullable(properties.get(key));
    }

    public Map<String, String> properties() {
        return properties;
    }

    @Override
    public String toString() {
        return "StoreOptions{provider=" + provider + ", username=" + username + ", password="
                + (password == null ? null : Redaction.REDACTED) + ", poolSize=" + poolSize + ", timeout=" + timeout
                + ", properties=" + redacted(properties) + "}";
    }

    private static Map<String, String> redacted(Map<String, String> properties) {
        Map<String, String> shown = new LinkedHashMap<>();
        properties.forEach((key, value) -> shown.put(key, Redaction.value(key, value)));
        return shown;
    }

    /** Builds {@link StoreOptions}. */
    public static final class Builder {
        private String provider;
        private String username;
        private String password;
        private Integer poolSize;
        private Duration timeout;
        private Clock clock;
        private Executor asyncExecutor;
        private boolean writeIdentities = true;
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder provider(String name) {
            this.provider = name;
            return this;
        }

        public Builder username(String username) {
            this.username = username;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        public Builder poolSize(int size) {
            if (size < 1) throw new IllegalArgumentException("poolSize must be at least 1, was " + size);
            this.poolSize = size;
            return this;
        }

        public Builder timeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        public Builder clock(Clock clock) {
            if (clock == null) throw new IllegalArgumentException("clock must not be null");
            this.clock = clock;
            return this;
        }

        public Builder asyncExecutor(Executor executor) {
            if (executor == null) throw new IllegalArgumentException("asyncExecutor must not be null");
            this.asyncExecutor = executor;
            return this;
        }

        /** See {@link StoreOptions#writeIdentities()}. */
        public Builder writeIdentities(boolean enabled) {
            this.writeIdentities = enabled;
            return this;
        }

        public Builder property(String key, String value) {
            if (key == null || key.isBlank()) throw new IllegalArgumentException("property key must not be blank");
            if (value == null) {
                properties.remove(key);
            } else {
                properties.put(key, value);
            }
            return this;
        }

        public StoreOptions build() {
            return new StoreOptions(this);
        }
    }
}
