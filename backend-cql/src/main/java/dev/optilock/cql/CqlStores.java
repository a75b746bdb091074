package dev.optilock.cql;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.optilock.StoreOptions;
import dev.optilock.VersionedStore;
import dev.optilock.spi.Backends;
import dev.optilock.spi.StoreParameters;

/** Stores on a {@link CqlSession} the caller already has. */
public final class CqlStores {
    private CqlStores() {
    }

    /**
     * A store whose tables live in {@code keyspace}, on the caller's session. The caller owns the session:
     * closing the store does not close it. The session's contact points, local data center, credentials, TLS and
     * pooling stay as the caller configured them; Optilock sets on each statement it sends the consistency levels
     * from {@code options} properties {@code consistency} (default {@code LOCAL_QUORUM}) and
     * {@code serialConsistency} ({@code SERIAL} or {@code LOCAL_SERIAL}, default {@code SERIAL}), and the request
     * timeout from {@link StoreOptions#timeout()} when given (otherwise the session's). The {@code replication}
     * property applies when {@code createTable} creates the keyspace.
     *
     * @param session an open session; it need not be connected to {@code keyspace}
     * @param keyspace the keyspace of the tables, a valid Optilock identifier
     * @param options store options, or null for the defaults
     * @throws IllegalArgumentException if an argument or option is invalid
     */
    public static VersionedStore fromSession(CqlSession session, String keyspace, StoreOptions options) {
        if (session == null) throw new IllegalArgumentException("session must not be null");
        StoreOptions effective = options == null ? StoreOptions.defaults() : options;
        StoreParameters parameters = StoreParameters.of(effective, CqlSettings.OPTIONS);
        if (CqlSettings.localDatacenter(parameters).isPresent()) {
            throw new IllegalArgumentException("options: localDatacenter is a setting of the CqlSession; configure it on the"
                    + " session you pass in");
        }
        CqlSettings settings = CqlSettings.from(keyspace, parameters, effective);
        return Backends.toStore(new CqlBackend(session, false, settings), effective);
    }
}
