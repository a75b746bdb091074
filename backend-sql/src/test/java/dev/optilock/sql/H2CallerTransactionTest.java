package dev.optilock.sql;

import dev.optilock.StoreOptions;

/** The caller's-transaction rules on an in-process H2 database. */
class H2CallerTransactionTest extends CallerTransactionContract {
    private final String url = "jdbc:h2:mem:caller_tx_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";

    @Override
    protected String url() {
        return url;
    }

    @Override
    protected StoreOptions credentials() {
        return StoreOptions.defaults();
    }

    @Override
    protected SqlFlavor flavor() {
        return SqlFlavor.H2;
    }
}
