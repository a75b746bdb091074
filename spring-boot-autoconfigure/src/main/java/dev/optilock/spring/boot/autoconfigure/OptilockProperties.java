package dev.optilock.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the {@code VersionedStore} bean ({@code optilock.*}). Where the store comes from, in this order: a
 * store URL ({@code optilock.url}, Optilock opens and owns the store and its pool); else the application's
 * {@code DataSource}, joining its Spring-managed transactions; else the application's {@code CqlSession}, in
 * {@code optilock.cassandra.keyspace}.
 */
@ConfigurationProperties("optilock")
public class OptilockProperties {
    /**
     * Store URL, e.g. jdbc:postgresql://host:5432/app, jdbc:h2:mem:app, cql://host:9042/keyspace or optilock:mem:name.
     * When set, Optilock opens the store (and its own connection pool) from it, instead of using the application's
     * DataSource or CqlSession.
     */
    private String url;

    /** User name for optilock.url. */
    private String username;

    /** Password for optilock.url; never logged. */
    private String password;

    /**
     * Longest a statement may run; a write that exceeds it has an unknown outcome, which Optilock settles where it can.
     * Default: the backend's (30 s for SQL).
     */
    private Duration timeout;

    /** Connection pool size for a store opened from optilock.url. */
    private Integer poolSize;

    /** Whether stores keep write identities and tombstones (capability WRITE_IDENTITY), which settle unknown outcomes. */
    private boolean writeIdentities = true;

    /** Store properties passed as they are, e.g. optilock.properties.schema=app. */
    private Map<String, String> properties = new LinkedHashMap<>();

    private final Cassandra cassandra = new Cassandra();

    private final Retry retry = new Retry();

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public Integer getPoolSize() {
        return poolSize;
    }

    public void setPoolSize(Integer poolSize) {
        this.poolSize = poolSize;
    }

    public boolean isWriteIdentities() {
        return writeIdentities;
    }

    public void setWriteIdentities(boolean writeIdentities) {
        this.writeIdentities = writeIdentities;
    }

    public Map<String, String> getProperties() {
        return properties;
    }

    public void setProperties(Map<String, String> properties) {
        this.properties = properties;
    }

    public Cassandra getCassandra() {
        return cassandra;
    }

    public Retry getRetry() {
        return retry;
    }

    /** The password is never shown. */
    @Override
    public String toString() {
        return "OptilockProperties[url=" + url + ", username=" + username + ", password=" + (password == null ? "none" : "****")
                + ", timeout=" + timeout + ", poolSize=" + poolSize + ", writeIdentities=" + writeIdentities
                + ", properties=" + properties.keySet() + ", cassandra.keyspace=" + cassandra.keyspace + "]";
    }

    /** The store on the application's CqlSession. */
    public static class Cassandra {
        /** Keyspace of the store on the application's CqlSession (required when the store comes from it). */
        private String keyspace;

        public String getKeyspace() {
            return keyspace;
        }

        public void setKeyspace(String keyspace) {
            this.keyspace = keyspace;
        }
    }

    /** The RetryPolicy bean, for callers of modify to pass. */
    public static class Retry {
        /** Attempts in all, the first included (at least 1). */
        private int attempts = 10;

        /** Pause before the second attempt. */
        private Duration initialBackoff = Duration.ofMillis(5);

        /** Factor by which each pause grows (at least 1). */
        private double multiplier = 2.0;

        /** Longest pause. */
        private Duration maxBackoff = Duration.ofMillis(200);

        /** Share of each pause drawn at random, from 0 to 1, so that racing writers spread out. */
        private double jitter = 0.5;

        public int getAttempts() {
            return attempts;
        }

        public void setAttempts(int attempts) {
            this.attempts = attempts;
        }

        public Duration getInitialBackoff() {
            return initialBackoff;
        }

        public void setInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        public double getMultiplier() {
            return multiplier;
        }

        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        public double getJitter() {
            return jitter;
        }

        public void setJitter(double jitter) {
            this.jitter = jitter;
        }
    }
}
