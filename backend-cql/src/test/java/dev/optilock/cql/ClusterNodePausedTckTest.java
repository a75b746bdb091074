package dev.optilock.cql;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.optilock.StoreOptions;
import dev.optilock.VersionedStore;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The whole TCK on the 3-node cluster while node 2 is paused ({@code SIGSTOP}) for 3 s out of every 12, then resumed
 * ({@code SIGCONT}): requests it coordinates or replicates stall mid-write and complete late, the fault an unknown
 * outcome must survive. Optional rules 5.2 and 5.3 run on {@link NodePausingStore}: the same node paused more often
 * than a request may wait, and made the coordinator of every request while the driver counts it live, so that the
 * response of every request sent during a pause is lost for real (on the default routing, a third of them were, and
 * one CI run met none in 60 s). Report: cassandra-cluster-node-paused.json.
 */
class ClusterNodePausedTckTest extends ClusterTck {
    /** Held by whoever pauses node 2, so that the periodic pauses and those of the faulty store never overlap. */
    private final Lock pausing = new ReentrantLock();
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
            if (!pausing.tryLock()) return;
            try {
                cluster().pause(2);
                Thread.sleep(3_000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } finally {
                cluster().resume(2);
                pausing.unlock();
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

    /** Tables are created between pauses (see {@link DdlBetweenPausesStore}). */
    @Override
    VersionedStore guarded(VersionedStore store) {
        return new DdlBetweenPausesStore(store, pausing);
    }

    @Override
    public VersionedStore openStoreWithLostResponses() {
        if (!cluster().controlsNodes()) return null;
        return new NodePausingStore(openStoreCoordinatedBy(2, StoreOptions.defaults(), Duration.ofMillis(500)), cluster(), 2,
                pausing);
    }

    @Override
    protected String backendName() {
        return "cassandra-cluster-node-paused";
    }
}
