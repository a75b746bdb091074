package dev.optilock.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optilock.BackendUnavailableException;
import dev.optilock.Changes;
import dev.optilock.OutcomeUnknownException;
import dev.optilock.StoreOptions;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedStore;
import dev.optilock.VersionedStores;
import dev.optilock.testservers.LossyPostgresProxy;
import dev.optilock.testservers.PostgresServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lost connections and timeouts on PostgreSQL. A write or read is made to wait on a lock held by another session,
 * so that it is surely in flight on the server; then its session is terminated or its timeout fires.
 */
class PostgresFailuresTest {
    private final PostgresServer server = PostgresServer.shared();
    private final String url = server.jdbcUrlForFreshSchema("sql_failures");
    private final String application = "optilock-test-" + UUID.randomUUID();
    private VersionedStore store;
    private VersionedRepository<Account, String> accounts;
    private Connection blocker;

    @BeforeEach
    void open() throws SQLException {
        store = open(StoreOptions.builder());
        store.createTable(Account.class);
        accounts = store.repository(Account.class, String.class);
        blocker = DriverManager.getConnection(url, server.username(), server.password());
        blocker.setAutoCommit(false);
    }

    @AfterEach
    void close() throws SQLException {
        blocker.rollback();
        blocker.close();
        store.close();
    }

    private VersionedStore open(StoreOptions.Builder options) {
        return VersionedStores.open(url, options.username(server.username()).password(server.password()).poolSize(2)
                .property("ApplicationName", application).build());
    }

    @Test
    void should_report_an_unknown_outcome_when_the_connection_dies_during_a_write() throws Exception {
        String id = "kill-write-" + UUID.randomUUID();
        accounts.insert(Account.of(id, "ada", 1));
        lockRow(id);
        // The settlement sends the write again, which waits on the same lock until the store's timeout: a short one.
        try (VersionedStore impatient = open(StoreOptions.builder().timeout(Duration.ofSeconds(2)))) {
            VersionedRepository<Account, String> writer = impatient.repository(Account.class, String.class);
            CompletableFuture<Account> write = CompletableFuture.supplyAsync(
                    () -> writer.updateWithVersion(id, 1L, Changes.of("balance", 2L)));
            terminate(waitingBackend());
            assertThat(failure(write)).isInstanceOfSatisfying(OutcomeUnknownException.class, e -> {
                assertThat(e.resolution()).isEqualTo(OutcomeUnknownException.Resolution.UNKNOWN);
                assertThat(e.entityName()).isEqualTo("accounts");
            });
            blocker.rollback();
            // The write never ran; the store replaced its connection and goes on.
            assertThat(writer.updateWithVersion(id, 1L, Changes.of("balance", 3L)).balance()).isEqualTo(3L);
        }
    }

    @Test
    void should_report_an_unknown_outcome_when_a_write_times_out() throws Exception {
        try (VersionedStore impatient = open(StoreOptions.builder().timeout(Duration.ofSeconds(1)))) {
            VersionedRepository<Account, String> slow = impatient.repository(Account.class, String.class);
            String id = "timeout-write-" + UUID.randomUUID();
            slow.insert(Account.of(id, "ada", 1));
            lockRow(id);
            long start = System.nanoTime();
            assertThatThrownBy(() -> slow.updateWithVersion(id, 1L, Changes.of("balance", 2L)))
                    .isInstanceOfSatisfying(OutcomeUnknownException.class,
                            e -> assertThat(e.resolution()).isEqualTo(OutcomeUnknownException.Resolution.UNKNOWN));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThatThrownBy(() -> slow.deleteWithVersion(id, 1L)).isInstanceOf(OutcomeUnknownException.class);
            blocker.rollback();
            assertThat(slow.find(id)).get().extracting(Account::version).isEqualTo(1L);
        }
    }

    @Test
    void should_report_an_unavailable_backend_when_the_connection_dies_during_a_read() throws Exception {
        String id = "kill-read-" + UUID.randomUUID();
        accounts.insert(Account.of(id, "ada", 1));
        try (Statement statement = blocker.createStatement()) {
            statement.execute("lock table accounts in access exclusive mode");
        }
        CompletableFuture<?> read = CompletableFuture.supplyAsync(() -> accounts.find(id));
        terminate(waitingBackend());
        assertThat(failure(read)).isInstanceOf(BackendUnavailableException.class).hasMessageContaining("accounts");
        blocker.rollback();
        assertThat(accounts.find(id)).isPresent();
    }

    @Test
    void should_report_an_unavailable_backend_when_a_read_times_out() throws Exception {
        try (VersionedStore impatient = open(StoreOptions.builder().property("timeout", "1s"))) {
            VersionedRepository<Account, String> slow = impatient.repository(Account.class, String.class);
            String id = "timeout-read-" + UUID.randomUUID();
            slow.insert(Account.of(id, "ada", 1));
            try (Statement statement = blocker.createStatement()) {
                statement.execute("lock table accounts in access exclusive mode");
            }
            assertThatThrownBy(() -> slow.find(id)).isInstanceOf(BackendUnavailableException.class);
        }
    }

    @Test
    void should_name_host_and_port_but_never_the_password_when_the_connection_is_refused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String password = "pw-" + UUID.randomUUID();
        long start = System.nanoTime();
        Throwable refused = catchFailure(() -> VersionedStores.open("jdbc:postgresql://127.0.0.1:" + port + "/shop?password=" + password,
                StoreOptions.builder().username("app").password(password).build()));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(refused).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + port).hasMessageContaining("shop").hasMessageNotContaining(password);
        assertThat(stackTrace(refused)).doesNotContain(password);

        Throwable h2 = catchFailure(() -> VersionedStores.open("jdbc:h2:tcp://127.0.0.1:" + port + "/mem:x;PASSWORD=" + password,
                StoreOptions.builder().password(password).build()));
        assertThat(h2).isInstanceOf(BackendUnavailableException.class).hasMessageContaining("127.0.0.1:" + port)
                .hasMessageNotContaining(password);
        assertThat(stackTrace(h2)).doesNotContain(password);
    }

    // ---- helpers ----

    private void lockRow(String id) throws SQLException {
        try (PreparedStatement statement = blocker.prepareStatement("select * from accounts where id = ? for update")) {
            statement.setString(1, id);
            statement.executeQuery().close();
        }
    }

    /** The process id of the store's session that waits for a lock. */
    private int waitingBackend() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (Connection admin = DriverManager.getConnection(url, server.username(), server.password());
             PreparedStatement statement = admin.prepareStatement(
                     "select pid from pg_stat_activity where application_name = ? and wait_event_type = 'Lock'")) {
            statement.setString(1, application);
            while (System.nanoTime() < deadline) {
                try (ResultSet result = statement.executeQuery()) {
                    if (result.next()) return result.getInt(1);
                }
                Thread.sleep(10);
            }
        }
        throw new AssertionError("no session of " + application + " waited for a lock");
    }

    private void terminate(int pid) throws SQLException {
        try (Connection admin = DriverManager.getConnection(url, server.username(), server.password());
             PreparedStatement statement = admin.prepareStatement("select pg_terminate_backend(?, 5000)")) {
            statement.setInt(1, pid);
            try (ResultSet result = statement.executeQuery()) {
                assertThat(result.next() && result.getBoolean(1)).isTrue();
            }
        }
    }

    @Test
    void should_report_an_unknown_outcome_when_every_response_to_a_group_is_lost() {
        store.createTable(Bin.class);
        VersionedRepository<Bin, dev.optilock.PrimaryKey> bins = store.repository(Bin.class, dev.optilock.PrimaryKey.class);
        String warehouse = "lossy-" + UUID.randomUUID();
        Bin from = bins.insert(new Bin(warehouse, "a", 10, 0));
        Bin to = bins.insert(new Bin(warehouse, "b", 0, 0));
        // Every write through the proxy is executed (its transaction rolled back with the connection, or a COMMIT
        // committed) and its response lost: the outcome can never be learnt, and a closed connection's refusal to
        // restore auto-commit must not turn it into a rejected write.
        try (LossyPostgresProxy proxy = LossyPostgresProxy.inFrontOf(url, 1, 7);
             VersionedStore lossy = VersionedStores.open(proxy.proxied(url), StoreOptions.builder().username(server.username())
                     .password(server.password()).poolSize(2).timeout(Duration.ofSeconds(1)).build())) {
            Throwable thrown = catchFailure(() -> lossy.repository(Bin.class, dev.optilock.PrimaryKey.class).applyAtomically(
                    java.util.List.of(dev.optilock.GroupWrite.updateWithVersion(dev.optilock.PrimaryKey.of(warehouse, "a"), 1L,
                                    Changes.of("quantity", 9L)),
                            dev.optilock.GroupWrite.updateWithVersion(dev.optilock.PrimaryKey.of(warehouse, "b"), 1L,
                                    Changes.of("quantity", 1L)))));
            assertThat(thrown).as(stackTrace(thrown)).isInstanceOf(OutcomeUnknownException.class);
            assertThat(proxy.lostResponses()).isPositive();
        }
        assertThat(bins.find(dev.optilock.PrimaryKey.of(warehouse, "a")).orElseThrow().quantity()).isIn(9L, 10L);
    }

    private static Throwable failure(CompletableFuture<?> future) throws Exception {
        try {
            future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure, got " + future.get());
    }

    private static Throwable catchFailure(Supplier<?> action) {
        try {
            Object result = action.get();
            throw new AssertionError("expected a failure, got " + result);
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static String stackTrace(Throwable failure) {
        StringWriter out = new StringWriter();
        failure.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
