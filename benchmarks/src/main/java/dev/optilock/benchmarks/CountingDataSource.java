package dev.optilock.benchmarks;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that counts what its connections send: every {@code execute*} of a statement (a batch counts once)
 * and every {@code commit()} / {@code rollback()} (PostgreSQL's driver sends COMMIT as a round trip of its own; BEGIN
 * rides along with the first statement of a transaction and is not counted). It sits <em>under</em> the connection
 * pool (the pool's {@code dataSource}), so it sees the physical connections, including the one a hand-written
 * statement cache unwraps. It also counts the executions of each statement text, for the report.
 *
 * <p>Only the statement-counting pass uses it: the proxies allocate, so timed runs use a plain pool.
 */
final class CountingDataSource implements DataSource {
    private final DataSource target;
    private final LongAdder statements = new LongAdder();
    private final LongAdder commits = new LongAdder();
    private final Map<String, LongAdder> texts = new ConcurrentHashMap<>();

    CountingDataSource(DataSource target) {
        this.target = target;
    }

    /** Statements executed plus commits and rollbacks since the last {@link #reset()}. */
    long statements() {
        return statements.sum() + commits.sum();
    }

    /** The statement texts executed since the last {@link #reset()}, with how often each was. */
    Map<String, Long> texts() {
        Map<String, Long> copy = new TreeMap<>();
        texts.forEach((sql, count) -> copy.put(sql, count.sum()));
        return copy;
    }

    void reset() {
        statements.reset();
        commits.reset();
        texts.clear();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connection(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return connection(target.getConnection(username, password));
    }

    private Connection connection(Connection physical) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new ConnectionHandler(physical));
    }

    private final class ConnectionHandler implements InvocationHandler {
        private final Connection physical;

        ConnectionHandler(Connection physical) {
            this.physical = physical;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
            String name = method.getName();
            switch (name) {
                case "equals":
                    return proxy == arguments[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "Counting[" + physical + "]";
                case "unwrap":
                    if (((Class<?>) arguments[0]).isInstance(proxy)) return proxy;
                    break;
                case "isWrapperFor":
                    if (((Class<?>) arguments[0]).isInstance(proxy)) return true;
                    break;
                case "commit":
                case "rollback":
                    commits.increment();
                    break;
                default:
                    break;
            }
            Object result = call(physical, method, arguments);
            if (result instanceof Statement statement) {
                String sql = arguments != null && arguments.length > 0 && arguments[0] instanceof String text ? text : null;
                Class<?> type = result instanceof CallableStatement ? CallableStatement.class
                        : result instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
                return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {type},
                        new StatementHandler(statement, sql, (Connection) proxy));
            }
            return result;
        }
    }

    private final class StatementHandler implements InvocationHandler {
        private final Statement statement;
        private final String sql;
        private final Connection connection;

        StatementHandler(Statement statement, String sql, Connection connection) {
            this.statement = statement;
            this.sql = sql;
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
            String name = method.getName();
            switch (name) {
                case "equals":
                    return proxy == arguments[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "getConnection":
                    return connection;
                case "unwrap":
                    if (((Class<?>) arguments[0]).isInstance(proxy)) return proxy;
                    break;
                case "isWrapperFor":
                    if (((Class<?>) arguments[0]).isInstance(proxy)) return true;
                    break;
                default:
                    if (name.startsWith("execute")) {
                        statements.increment();
                        if (arguments != null && arguments.length > 0 && arguments[0] instanceof String text) {
                            remember(text);
                        } else if (sql != null) {
                            remember(sql);
                        }
                    }
                    break;
            }
            return call(statement, method, arguments);
        }
    }

    private void remember(String sql) {
        texts.computeIfAbsent(sql, ignored -> new LongAdder()).increment();
    }

    private static Object call(Object target, Method method, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
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
        if (iface.isInstance(this)) return iface.cast(this);
        return target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || target.isWrapperFor(iface);
    }
}
