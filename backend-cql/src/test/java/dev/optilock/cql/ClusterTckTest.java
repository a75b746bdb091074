package dev.optilock.cql;

/** The whole TCK on the healthy 3-node cluster at RF 3; report: target/optilock-tck/cassandra-cluster.json. */
class ClusterTckTest extends ClusterTck {

    @Override
    protected String backendName() {
        return "cassandra-cluster";
    }
}
