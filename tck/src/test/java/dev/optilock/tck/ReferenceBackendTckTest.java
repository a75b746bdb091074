package dev.optilock.tck;

import dev.optilock.StoreOptions;
import dev.optilock.VersionedStore;
import dev.optilock.VersionedStores;

/** The reference backend passes every rule; its report is {@code tck/target/optilock-tck/reference.json}. */
class ReferenceBackendTckTest extends OptilockTck {

    @Override
    protected VersionedStore openStore(StoreOptions options) {
        return VersionedStores.open("optilock:mem:tck-reference", options);
    }

    @Override
    protected String backendName() {
        return "reference";
    }

    @Override
    public VersionedStore openStoreWithLostResponses() {
        return VersionedStores.open("optilock:mem:?lostResponseRate=0.2&seed=" + tck().seed());
    }
}
