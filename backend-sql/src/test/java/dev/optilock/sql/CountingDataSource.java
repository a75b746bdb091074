package dev.optilock.sql;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that counts what reaches the driver: every {@code execute*} call on a statement is one
 * statement (and, with PostgreSQL, one round trip); the SQL of each is recorded.
 */
final class CountingDataSource implements DataSource {
    private final DataSource target;
    private final AtomicInteger executions = new AtomicInteger();
    private final List<String> statements = new CopyOnWriteArrayList<>();

    CountingDataSource(DataSource target) {
        this.target = target;
    }

    /** Statements executed so far. */
    int executions() {
        return executions.get();
    }

    /** The SQL of every statement executed so far. */
    List<String> statements() {
        return List.copyOf(statements);
    }

    void reset() {
        executions.set(0);
        statements.clear();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connection(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return connection(target.getConnection(username, password));
    }

    private Connection connection(Connection connection) {
        return proxy(Connection.class, connection, (method, args) -> {
            Object result = invoke(method, connection, args);
            if (result instanceof PreparedStatement prepared) {
                return counting(PreparedStatement.class, prepared, (String) args[0]);
            }
            if (result instanceof Statement statement) {
                return counting(Statement.class, statement, null);
            }
            return result;
        });
    }

    /** A statement whose {@code execute*} calls are counted before they reach the driver (failed ones too). */
    private <T extends Statement> T counting(Class<T> type, T statement, String preparedSql) {
        return proxy(type, statement, (method, args) -> {
            if (method.getName().startsWith("execute")) {
                executions.incrementAndGet();
                statements.add(preparedSql != null ? preparedSql : String.valueOf(args == null ? null : args[0]));
            }
            return invoke(method, statement, args);
        });
    }

    private interface Handler {
        Object handle(Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T target, Handler handler) {
        InvocationHandler invocation = (proxy, method, args) -> handler.handle(method, args);
        return type.cast(Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), new Class<?>[] {type}, invocation));
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return target.isWrapperFor(iface);
    }
}
