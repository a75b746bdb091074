package dev.optilock.sql;

import dev.optilock.StoreOptions;
import dev.optilock.VersionedStore;
import dev.optilock.spi.Backends;
import javax.sql.DataSource;

/**
 * Opens SQL stores on a {@link DataSource} you own, such as your application's connection pool. Closing such a
 * store leaves the data source open. To let Optilock own a HikariCP pool instead, open the store by URL with
 * {@link dev.optilock.VersionedStores#open(String, StoreOptions)} ({@code jdbc:postgresql:...}, {@code jdbc:h2:...}).
 *
 * <p>Connections should be in auto-commit mode with READ COMMITTED isolation (the defaults of both databases); a
 * connection that is not in auto-commit mode has each operation committed by Optilock.
 */
public final class SqlStores {
    private SqlStores() {
    }

    /** A store on {@code dataSource} with default options. */
    public static VersionedStore fromDataSource(DataSource dataSource, SqlFlavor flavor) {
        return fromDataSource(dataSource, flavor, StoreOptions.defaults());
    }

    /**
     * A store on {@code dataSource}. Read from {@code options}: {@link StoreOptions#timeout()} (or the
     * {@code timeout} property; default 30 seconds), the {@code schema} property (default: the connection's
     * schema), the clock and the async executor. Username, password and pool size belong to the data source and
     * are ignored here.
     *
     * @throws IllegalArgumentException if an argument is null or an option is malformed
     */
    public static VersionedStore fromDataSource(DataSource dataSource, SqlFlavor flavor, StoreOptions options) {
        if (dataSource == null) throw new IllegalArgumentException("dataSource must not be null");
        if (flavor == null) throw new IllegalArgumentException("flavor must not be null");
        StoreOptions effective = options == null ? StoreOptions.defaults() : options;
        SqlBackend backend = new SqlBackend(dataSource, Dialect.of(flavor), ConnectionSettings.schemaOf(effective),
                ConnectionSettings.timeoutOf(effective), null);
        return Backends.toStore(backend, effective);
    }
}
