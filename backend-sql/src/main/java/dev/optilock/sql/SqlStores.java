package dev.optilock.sql;

import dev.optilock.StoreOptions;
import dev.optilock.VersionedStore;
import dev.optilock.spi.Backends;
import java.sql.Connection;
import javax.sql.DataSource;

/**
 * Opens SQL stores on a {@link DataSource} you own, such as your application's connection pool. Closing such a
 * store leaves the data source open. To let Optilock own a HikariCP pool instead, open the store by URL with
 * {@link dev.optilock.VersionedStores#open(String, StoreOptions)} ({@code jdbc:postgresql:...}, {@code jdbc:h2:...}).
 *
 * <p>Transactions: a connection in auto-commit mode commits each write by itself. A connection that is not in
 * auto-commit mode is taken to be in the caller's transaction (as a Spring {@code TransactionAwareDataSourceProxy}
 * hands out inside {@code @Transactional} code): Optilock never commits, rolls back or ends it, never runs a statement
 * again inside it, and reports a conflict or a missing row without a database error, so the transaction stays usable.
 * The rules per isolation level are in the backend's README.
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
     * schema), the {@code writeStatement} property of conditional updates and deletes ({@code probe}, the default: a
     * plain {@code RETURNING} write and a read only when it changed nothing; {@code reporting}, PostgreSQL only: one
     * statement writes and reports the row it met), the clock and the async executor. Username, password and pool size belong to the data source and
     * are ignored here.
     *
     * @throws IllegalArgumentException if an argument is null or an option is malformed
     */
    public static VersionedStore fromDataSource(DataSource dataSource, SqlFlavor flavor, StoreOptions options) {
        if (dataSource == null) throw new IllegalArgumentException("dataSource must not be null");
        if (flavor == null) throw new IllegalArgumentException("flavor must not be null");
        StoreOptions effective = options == null ? StoreOptions.defaults() : options;
        SqlBackend backend = new SqlBackend(dataSource, Dialect.of(flavor), ConnectionSettings.schemaOf(effective),
                ConnectionSettings.timeoutOf(effective), null, ConnectionSettings.writeStatementOf(effective));
        return Backends.toStore(backend, effective);
    }

    /**
     * A store whose every operation runs on {@code connection}, the caller's, inside whatever transaction it is in
     * (with auto-commit off, the caller's own; with it on, each write commits by itself). Optilock never commits,
     * rolls back or closes the connection; closing the store leaves it open. Options as for
     * {@link #fromDataSource(DataSource, SqlFlavor, StoreOptions)}. Statements are rendered once per store and shape,
     * so keep the store as long as the connection rather than opening one per operation.
     *
     * @throws IllegalArgumentException if an argument is null or an option is malformed
     */
    public static VersionedStore onConnection(Connection connection, SqlFlavor flavor, StoreOptions options) {
        if (connection == null) throw new IllegalArgumentException("connection must not be null");
        return fromDataSource(new CallerConnection(connection), flavor, options);
    }
}
