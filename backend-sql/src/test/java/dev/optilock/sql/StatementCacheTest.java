package dev.optilock.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.ColumnType;
import dev.optilock.testservers.PostgresServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link StatementCache} and {@link Executions} on real databases, through a HikariCP pool as the backend's own: a
 * statement is kept per connection and reused, never shared by two runs at once, closed after a failed or cancelled
 * run, and closed with the cache; behind a wrapper other than the pool's, and inside a transaction, nothing is kept.
 */
class StatementCacheTest {

    @ParameterizedTest
    @EnumSource(SqlFlavor.class)
    void should_reuse_the_statement_kept_on_a_connection_with_the_new_values(SqlFlavor flavor) throws SQLException {
        onOneConnection(flavor, Duration.ofSeconds(30), (executions, connection) -> {
            PreparedSql select = select(flavor, "? + 1");
            PreparedStatement first;
            try (Execution execution = executions.start(connection, connection.getAutoCommit(), select, arguments(1))) {
                first = execution.statement();
                assertThat(read(execution)).isEqualTo(2);
            }
            assertThat(executions.kept()).isEqualTo(1);
            try (Execution execution = executions.start(connection, connection.getAutoCommit(), select, arguments(41))) {
                assertThat(execution.statement()).isSameAs(first);
                assertThat(read(execution)).isEqualTo(42);
            }
            assertThat(first.isClosed()).isFalse();
            executions.close();
            assertThat(first.isClosed()).as("kept statements close with the cache").isTrue();
        });
    }

    @ParameterizedTest
    @EnumSource(SqlFlavor.class)
    void should_give_two_runs_at_once_on_one_connection_statements_of_their_own(SqlFlavor flavor) throws SQLException {
        onOneConnection(flavor, Duration.ofSeconds(30), (executions, connection) -> {
            PreparedSql select = select(flavor, "? + 1");
            Execution first = executions.start(connection, connection.getAutoCommit(), select, arguments(1));
            Execution second = executions.start(connection, connection.getAutoCommit(), select, arguments(10));
            assertThat(second.statement()).isNotSameAs(first.statement());
            assertThat(read(first)).isEqualTo(2);
            assertThat(read(second)).isEqualTo(11);
            first.close();
            second.close();
            assertThat(executions.kept()).as("one slot per statement text").isEqualTo(1);
            assertThat(second.statement().isClosed()).as("the statement that found its slot refilled").isTrue();
        });
    }

    @ParameterizedTest
    @EnumSource(SqlFlavor.class)
    void should_close_a_statement_whose_run_failed_instead_of_keeping_it(SqlFlavor flavor) throws SQLException {
        onOneConnection(flavor, Duration.ofSeconds(30), (executions, connection) -> {
            PreparedSql divide = select(flavor, "1 / ?");
            Execution failing = executions.start(connection, connection.getAutoCommit(), divide, arguments(0));
            assertThatThrownBy(failing::executeQuery).isInstanceOf(SQLException.class);
            failing.close();
            assertThat(failing.statement().isClosed()).isTrue();
            assertThat(executions.kept()).isZero();
            try (Execution execution = executions.start(connection, connection.getAutoCommit(), divide, arguments(1))) {
                assertThat(read(execution)).isEqualTo(1);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(SqlFlavor.class)
    void should_prepare_per_run_through_a_connection_wrapper_that_is_not_the_pool(SqlFlavor flavor) throws SQLException {
        try (HikariDataSource pool = pool(flavor); Executions executions = executions(flavor, Duration.ofSeconds(30))) {
            CountingDataSource tracing = new CountingDataSource(pool);
            for (int run = 0; run < 2; run++) {
                try (Connection connection = tracing.getConnection()) {
                    Execution execution = executions.start(connection, connection.getAutoCommit(), select(flavor, "? + 1"), arguments(run));
                    assertThat(read(execution)).isEqualTo(run + 1);
                    execution.close();
                    assertThat(execution.statement().isClosed()).isTrue();
                }
            }
            assertThat(tracing.executions()).as("the wrapper saw both runs").isEqualTo(2);
            assertThat(executions.kept()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(SqlFlavor.class)
    void should_keep_nothing_inside_a_transaction_where_the_pool_must_see_every_statement(SqlFlavor flavor) throws SQLException {
        onOneConnection(flavor, Duration.ofSeconds(30), (executions, connection) -> {
            connection.setAutoCommit(false);
            Execution execution = executions.start(connection, connection.getAutoCommit(), select(flavor, "? + 1"), arguments(1));
            assertThat(read(execution)).isEqualTo(2);
            execution.close();
            connection.rollback();
            assertThat(execution.statement().isClosed()).isTrue();
            assertThat(executions.kept()).isZero();
        });
    }

    @ParameterizedTest
    @EnumSource(value = SqlFlavor.class, names = "POSTGRESQL")
    void should_cancel_a_kept_statement_past_the_timeout_and_not_keep_it(SqlFlavor flavor) throws SQLException {
        onOneConnection(flavor, Duration.ofSeconds(1), (executions, connection) -> {
            PreparedSql sleep = sleep(flavor);
            try (Execution quick = executions.start(connection, connection.getAutoCommit(), sleep, arguments(0))) {
                assertThat(read(quick)).isEqualTo(1);
            }
            Execution slow = executions.start(connection, connection.getAutoCommit(), sleep, arguments(20));
            assertCancelled(slow);
            assertThat(slow.statement().isClosed()).isTrue();
            assertThat(executions.kept()).isZero();
            try (Execution after = executions.start(connection, connection.getAutoCommit(), sleep, arguments(0))) {
                assertThat(read(after)).as("the connection runs the next statement").isEqualTo(1);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(SqlFlavor.class)
    void should_restart_the_run_of_a_connection_and_never_cancel_it_for_an_earlier_run(SqlFlavor flavor) throws SQLException {
        onOneConnection(flavor, Duration.ofSeconds(30), (executions, connection) -> {
            PreparedSql select = select(flavor, "? + 1");
            long anHourLater = System.nanoTime() + Duration.ofHours(1).toNanos();
            Execution first = executions.start(connection, connection.getAutoCommit(), select, arguments(1));
            assertThat(read(first)).isEqualTo(2);
            first.close();
            assertThat(first.cancelIfOverdue(anHourLater)).as("an ended run is not cancelled").isFalse();
            Execution second = executions.start(connection, connection.getAutoCommit(), select, arguments(41));
            assertThat(second).as("the connection's run, restarted").isSameAs(first);
            assertThat(second.cancelIfOverdue(System.nanoTime())).as("within its own deadline").isFalse();
            assertThat(read(second)).isEqualTo(42);
            second.close();
            second.close(); // a second close does nothing
            assertThat(executions.kept()).isEqualTo(1);
        });
    }

    /**
     * Two threads sharing one connection restart its ended run at once: one of them gets it. Whether the two calls
     * overlap is up to the scheduler, so a restart that does not take the run atomically passes now and then; the
     * sequential half (a run that has not ended is not restarted) is deterministic.
     */
    @ParameterizedTest
    @EnumSource(value = SqlFlavor.class, names = "H2")
    void should_give_an_ended_run_to_exactly_one_of_two_restarts_at_once(SqlFlavor flavor) throws Exception {
        onOneConnection(flavor, Duration.ofSeconds(30), (executions, connection) -> {
            PreparedSql select = select(flavor, "? + 1");
            Execution run = executions.start(connection, true, select, arguments(1));
            PreparedStatement statement = run.statement();
            assertThat(run.restart(statement, 0, Long.MAX_VALUE)).as("a run that has not ended").isFalse();
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                for (int i = 0; i < 500; i++) {
                    run.close();
                    CyclicBarrier together = new CyclicBarrier(2);
                    Callable<Boolean> restart = () -> {
                        together.await();
                        return run.restart(statement, 0, System.nanoTime() + Duration.ofHours(1).toNanos());
                    };
                    Future<Boolean> one = threads.submit(restart);
                    Future<Boolean> other = threads.submit(restart);
                    assertThat(one.get() ^ other.get()).as("exactly one restart, round " + i).isTrue();
                    assertThat(run.ended()).isFalse();
                }
            } catch (InterruptedException | ExecutionException e) {
                throw new AssertionError(e);
            } finally {
                threads.shutdownNow();
            }
            run.close();
        });
    }

    @ParameterizedTest
    @EnumSource(value = SqlFlavor.class, names = "POSTGRESQL")
    void should_cancel_a_statement_that_is_not_kept_past_the_timeout(SqlFlavor flavor) throws SQLException {
        try (HikariDataSource pool = pool(flavor); Executions executions = executions(flavor, Duration.ofSeconds(1));
             Connection connection = new CountingDataSource(pool).getConnection()) {
            Execution slow = executions.start(connection, connection.getAutoCommit(), sleep(flavor), arguments(20));
            assertCancelled(slow);
            assertThat(executions.kept()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(value = SqlFlavor.class, names = "POSTGRESQL")
    void should_cancel_the_second_of_two_runs_at_once_on_one_connection_past_the_timeout(SqlFlavor flavor) throws SQLException {
        onOneConnection(flavor, Duration.ofSeconds(1), (executions, connection) -> {
            PreparedSql sleep = sleep(flavor);
            try (Execution idle = executions.start(connection, connection.getAutoCommit(), sleep, arguments(0))) {
                // Watched in place by the connection and not run yet: the second run is watched in the queue.
                Execution slow = executions.start(connection, connection.getAutoCommit(), sleep, arguments(20));
                assertCancelled(slow);
            }
        });
    }

    /** Work on one connection of a fresh pool, with a fresh cache and watchdog. */
    @FunctionalInterface
    private interface OnConnection {
        void run(Executions executions, Connection connection) throws SQLException;
    }

    private static void onOneConnection(SqlFlavor flavor, Duration timeout, OnConnection work) throws SQLException {
        try (HikariDataSource pool = pool(flavor); Executions executions = executions(flavor, timeout);
             Connection connection = pool.getConnection()) {
            work.run(executions, connection);
        }
    }

    private static HikariDataSource pool(SqlFlavor flavor) {
        HikariConfig config = new HikariConfig();
        if (flavor == SqlFlavor.POSTGRESQL) {
            PostgresServer server = PostgresServer.shared();
            config.setJdbcUrl(server.jdbcUrl());
            config.setUsername(server.username());
            config.setPassword(server.password());
        } else {
            config.setJdbcUrl("jdbc:h2:mem:cache_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
        }
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }

    private static Executions executions(SqlFlavor flavor, Duration timeout) {
        Dialect dialect = Dialect.of(flavor);
        StatementCache statements = new StatementCache(dialect.driverConnection());
        return new Executions(statements, new StatementWatchdog(timeout, dialect.backendName(), statements));
    }

    /** {@code SELECT <expression> AS v}, the expression's {@code ?} the one INT value. */
    private static PreparedSql select(SqlFlavor flavor, String expression) {
        String sql = expression.replace("?", "{0}");
        return PreparedSql.render(DSL.using(Dialect.of(flavor).jooqDialect()),
                DSL.select(DSL.field(sql, SQLDataType.INTEGER, DSL.param("s0", SQLDataType.INTEGER)).as("v")));
    }

    /** {@code SELECT 1} after sleeping as many seconds as the one value says (PostgreSQL). */
    private static PreparedSql sleep(SqlFlavor flavor) {
        return select(flavor, "(select 1 from pg_sleep(?))");
    }

    /** Runs {@code slow}, which the watchdog must cancel, and closes it. */
    private static void assertCancelled(Execution slow) throws SQLException {
        assertThatThrownBy(slow::executeQuery).isInstanceOf(SQLException.class).hasMessageContaining("cancel");
        slow.close();
    }

    private static Arguments arguments(int value) {
        Arguments arguments = new Arguments();
        arguments.add(value, ColumnType.INT);
        return arguments;
    }

    private static int read(Execution execution) throws SQLException {
        try (ResultSet result = execution.executeQuery()) {
            assertThat(result.next()).isTrue();
            return result.getInt(1);
        }
    }
}
