package dev.optilock.cql;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The whole TCK on the 3-node cluster with node 3 killed ({@code kill -9}) just before the run, so that the driver
 * and the other nodes meet it dead mid-flight; it is restarted afterwards. Report: cassandra-cluster-node-down.json.
 */
class ClusterNodeDownTckTest extends ClusterTck {

    @BeforeAll
    void killNodeThree() {
        assumeTrue(cluster().controlsNodes(), "the cluster from the environment cannot be told to kill a node");
        cluster().kill(3);
    }

    @AfterAll
    void restartNodeThree() {
        if (cluster().controlsNodes() && !cluster().isRunning(3)) cluster().restart(3);
    }

    @Override
    protected String backendName() {
        return "cassandra-cluster-node-down";
    }
}
