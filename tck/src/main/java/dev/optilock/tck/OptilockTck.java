package dev.optilock.tck;

import dev.optilock.StoreOptions;
import dev.optilock.VersionedStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Optilock TCK. A backend passes it by extending this class in its own tests:
 *
 * <pre>{@code
 * class MyBackendTckTest extends OptilockTck {
 *     protected VersionedStore openStore(StoreOptions options) {
 *         return VersionedStores.open("mydb://localhost/test", options);
 *     }
 *     protected String backendName() {
 *         return "mydb";
 *     }
 * }
 * }</pre>
 *
 * <p>Every test is a rule of {@link Rule}; the class writes {@code target/optilock-tck/<backendName>.json}
 * and prints a one-line summary. Rules create their own tables with fresh names, so {@link #openStore} may
 * return stores on one shared database. The seed of random choices is {@code optilock.tck.seed} (a system
 * property) or derived from the clock, and is printed in every failure message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(TckReport.class)
public abstract class OptilockTck implements ContractRules, IncarnationRules, GroupRules, KeyRules, ValuePathRules, ShapeRules, ConcurrencyRules, ConsistencyRules, OptionalRules {
    private TckFixture fixture;

    /** Opens a store of the backend under test with these options; the TCK closes it after each rule. */
    protected abstract VersionedStore openStore(StoreOptions options);

    /** The backend's name in reports: {@code target/optilock-tck/<name>.json}. */
    protected abstract String backendName();

    /**
     * Whether the environment the rules run in loses responses by itself: a cluster whose Paxos contention leaves writes
     * without an answer, a node paused or killed while the rules run. Rules 2.1 and 2.8 then accept an {@link dev.optilock.OutcomeUnknownException} that the store could
     * not settle (its increment counted as one that may have applied, every other check as strict); by default false,
     * and any unknown outcome fails them. Rules 5.2 and 5.3 test settlement itself, whatever this says.
     */
    protected boolean losesResponses() {
        return false;
    }

    /** No fault injection unless the backend overrides this; rule 5.2 is then skipped. */
    @Override
    public VersionedStore openStoreWithLostResponses() {
        return null;
    }

    @Override
    public final TckFixture tck() {
        if (fixture == null) throw new IllegalStateException("no TCK rule is running");
        return fixture;
    }

    @BeforeEach
    protected final void openFixture(TestInfo test) {
        String configured = System.getProperty("optilock.tck.seed");
        long seed = configured != null ? Long.parseLong(configured) : System.nanoTime() % 1_000_000;
        fixture = new TckFixture(this::openStore, seed, backendName(), losesResponses());
    }

    @AfterEach
    protected final void closeFixture() {
        try {
            fixture.closeAll();
        } finally {
            fixture = null;
        }
    }
}
