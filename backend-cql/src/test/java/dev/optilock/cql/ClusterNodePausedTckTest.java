package dev.optilock.cql;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The whole TCK on the 3-node cluster while node 2 is paused ({@code SIGSTOP}) for 3 s out of every 12, then resumed
 * ({@code SIGCONT}): requests it coordinates or replicates stall mid-write and complete late, the fault an unknown
 * outcome must survive. Report: cassandra-cluster-node-paused.json.
 */
class ClusterNodePausedTckTest extends ClusterTck {
    private ScheduledExecutorService pauses;

    @BeforeAll
    void pauseNodeTwoNowAndThen() {
        assumeTrue(cluster().controlsNodes(), "the cluster from the environment cannot be told to pause a node");
        pauses = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "pause-node-2");
            thread.setDaemon(true);
            return thread;
        });
        pauses.scheduleWithFixedDelay(() -> {
            cluster().pause(2);
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } finally {
                cluster().resume(2);
            }
        }, 2, 9, TimeUnit.SECONDS);
    }

    @AfterAll
    void stopPausing() throws InterruptedException {
        if (pauses == null) return;
        pauses.shutdownNow();
        pauses.awaitTermination(10, TimeUnit.SECONDS);
        cluster().resume(2);
    }

    @Override
    protected String backendName() {
        return "cassandra-cluster-node-paused";
    }
}
