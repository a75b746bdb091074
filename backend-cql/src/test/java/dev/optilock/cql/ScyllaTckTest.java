package dev.optilock.cql;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.optilock.StoreOptions;
import dev.optilock.VersionedStore;
import dev.optilock.tck.OptilockTck;
import dev.optilock.testservers.ScyllaServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The whole TCK on ScyllaDB (report: target/optilock-tck/scylladb.json) when one is available: from
 * OPTILOCK_TEST_SCYLLA_CONTACT_POINTS or Testcontainers. Without Docker the class is skipped with a logged reason,
 * and no report is written: a skipped run is never reported as passed.
 */
@EnabledIf(value = "scyllaAvailable", disabledReason = "no ScyllaDB: set OPTILOCK_TEST_SCYLLA_CONTACT_POINTS or provide a Docker engine")
class ScyllaTckTest extends OptilockTck {
    private CqlSession session;
    private String keyspace;

    static boolean scyllaAvailable() {
        return ScyllaServer.shared().isPresent();
    }

    @Override
    protected VersionedStore openStore(StoreOptions options) {
        if (session == null) {
            ScyllaServer server = ScyllaServer.shared().orElseThrow();
            session = CqlSession.builder().addContactPoints(server.contactPoints()).withLocalDatacenter(server.localDatacenter()).build();
            keyspace = server.freshKeyspaceName("tck");
        }
        return CqlStores.fromSession(session, keyspace, options);
    }

    @Override
    protected String backendName() {
        return "scylladb";
    }

    @AfterAll
    void closeSession() {
        if (session != null) session.close();
    }
}
