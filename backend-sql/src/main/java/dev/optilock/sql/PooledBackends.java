package dev.optilock.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.BackendException;
import dev.optilock.BackendUnavailableException;
import dev.optilock.StoreOptions;
import dev.optilock.spi.Backend;
import java.io.IOException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/** Opens a backend on a HikariCP pool that the backend owns and closes. */
final class PooledBackends {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private PooledBackends() {
    }

    static Backend open(SqlFlavor flavor, String url, StoreOptions options) {
        Dialect dialect = Dialect.of(flavor);
        ConnectionSettings settings = ConnectionSettings.parse(dialect, url, options);
        requireDriver(settings);
        HikariConfig config = new HikariConfig();
        config.setPoolName("optilock-" + dialect.backendName() + "-" + POOLS.incrementAndGet());
        config.setJdbcUrl(settings.driverUrl());
        settings.username().ifPresent(config::setUsername);
        settings.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(settings.poolSize());
        long timeoutMillis = Math.max(250, settings.timeout().toMillis());
        config.setConnectionTimeout(timeoutMillis);
        config.setValidationTimeout(Math.min(5_000, timeoutMillis));
        // Try one connection while opening and fail at once if it cannot be made.
        config.setInitializationFailTimeout(1);
        config.setAutoCommit(true);
        dialect.defaultDriverProperties(settings).forEach(config::addDataSourceProperty);
        settings.driverProperties().forEach(config::addDataSourceProperty);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw openFailure(settings, e);
        }
        return new SqlBackend(pool, dialect, settings.schema(), settings.timeout(), pool, settings.writeStatement());
    }

    private static void requireDriver(ConnectionSettings settings) {
        try {
            DriverManager.getDriver(settings.driverUrl());
        } catch (SQLException e) {
            throw new IllegalStateException("no JDBC driver for " + settings.location() + " on the class path; add "
                    + settings.dialect().driverArtifact(), e);
        }
    }

    /** A clear error naming where the server is, never the password. */
    private static RuntimeException openFailure(ConnectionSettings settings, RuntimeException e) {
        SQLException sql = sqlCause(e);
        String detail = redact(sql == null ? String.valueOf(e.getMessage()) : SqlFailures.describe(sql), settings);
        String state = sql == null ? null : sql.getSQLState();
        String user = settings.username().map(name -> " as user " + name).orElse("");
        Throwable cause = safeCause(sql, settings);
        if (state != null && state.startsWith("28")) {
            return new BackendException("cannot open a store: " + settings.location() + " rejected the login" + user + ": "
                    + detail, cause);
        }
        if (sql == null && !(e.getCause() instanceof IOException)) {
            return new BackendException("cannot open a store on " + settings.location() + ": " + detail, null);
        }
        if (state == null || state.startsWith("08") || state.startsWith("57P") || hasIoCause(e)) {
            return new BackendUnavailableException("cannot connect to " + settings.location() + user + ": " + detail, cause);
        }
        return new BackendException("cannot open a store on " + settings.location() + user + ": " + detail, cause);
    }

    /** The driver's exception as the cause, unless a message in its chain shows the password. */
    private static Throwable safeCause(SQLException sql, ConnectionSettings settings) {
        String password = settings.password().orElse("");
        for (Throwable cause = sql; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if ((!password.isEmpty() && message.contains(password)) || !ConnectionSettings.redactUrl(message).equals(message)) {
                return null;
            }
        }
        return sql;
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) return sql;
        }
        return null;
    }

    private static boolean hasIoCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) return true;
        }
        return false;
    }

    private static String redact(String message, ConnectionSettings settings) {
        String shown = ConnectionSettings.redactUrl(message);
        String password = settings.password().orElse("");
        return password.isEmpty() ? shown : shown.replace(password, "REDACTED");
    }
}
