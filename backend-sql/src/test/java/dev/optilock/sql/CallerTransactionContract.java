package dev.optilock.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.Changes;
import dev.optilock.GroupResult;
import dev.optilock.GroupWrite;
import dev.optilock.PrimaryKey;
import dev.optilock.EntityNotFoundException;
import dev.optilock.OptimisticLockException;
import dev.optilock.StoreOptions;
import dev.optilock.TransientOptilockException;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The store joins the caller's transaction and never ends it: with Spring's own transaction manager (the way Spring
 * applications hand a transactional DataSource to a library) and with a plain JDBC connection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CallerTransactionContract {
    private HikariDataSource pool;
    private VersionedStore store;
    private VersionedRepository<Account, String> accounts;
    private VersionedRepository<Bin, PrimaryKey> bins;
    private JdbcTemplate jdbc;
    private TransactionTemplate transactions;

    /** A JDBC URL of a fresh database or schema. */
    protected abstract String url();

    protected abstract StoreOptions credentials();

    protected abstract SqlFlavor flavor();

    @BeforeAll
    void open() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url());
        credentials().username().ifPresent(config::setUsername);
        credentials().password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(4);
        pool = new HikariDataSource(config);
        store = SqlStores.fromDataSource(new TransactionAwareDataSourceProxy(pool), flavor());
        store.createTable(Account.class);
        accounts = store.repository(Account.class, String.class);
        store.createTable(Bin.class);
        bins = store.repository(Bin.class, PrimaryKey.class);
        jdbc = new JdbcTemplate(pool);
        jdbc.execute("create table if not exists audit (id varchar(64) primary key)");
        transactions = new TransactionTemplate(new DataSourceTransactionManager(pool));
    }

    @AfterAll
    void close() {
        if (store != null) store.close();
        if (pool != null) pool.close();
    }

    @Test
    void should_leave_nothing_when_the_callers_transaction_rolls_back() {
        String id = fresh();
        accounts.insert(Account.of(id, "ann", 10));
        transactions.executeWithoutResult(status -> {
            jdbc.update("insert into audit (id) values (?)", id);
            accounts.updateWithVersion(id, 1L, Changes.of("balance", 20L));
            status.setRollbackOnly();
        });
        assertThat(audited(id)).as("the application's own write").isFalse();
        assertThat(accounts.find(id).orElseThrow().version()).as("the versioned write, rolled back with it").isEqualTo(1L);
    }

    @Test
    void should_keep_both_writes_when_the_callers_transaction_commits() {
        String id = fresh();
        accounts.insert(Account.of(id, "ann", 10));
        transactions.executeWithoutResult(status -> {
            jdbc.update("insert into audit (id) values (?)", id);
            accounts.updateWithVersion(id, 1L, Changes.of("balance", 20L));
        });
        assertThat(audited(id)).isTrue();
        assertThat(accounts.find(id).orElseThrow().balance()).isEqualTo(20L);
    }

    @Test
    void should_leave_the_transaction_usable_after_a_conflict_a_missing_row_or_a_taken_key() {
        String id = fresh();
        accounts.insert(Account.of(id, "ann", 10));
        transactions.executeWithoutResult(status -> {
            assertThat(catchThrowable(() -> accounts.updateWithVersion(id, 7L, Changes.of("balance", 99L))))
                    .isInstanceOf(OptimisticLockException.class);
            assertThat(catchThrowable(() -> accounts.updateWithVersion("ghost-" + id, 1L, Changes.of("balance", 99L))))
                    .isInstanceOf(EntityNotFoundException.class);
            assertThat(accounts.insertIfAbsent(Account.of(id, "bob", 0)).applied()).isFalse();
            jdbc.update("insert into audit (id) values (?)", id);
            accounts.updateWithVersion(id, 1L, Changes.of("balance", 20L));
        });
        assertThat(audited(id)).as("the work after the caught exceptions committed").isTrue();
        assertThat(accounts.find(id).orElseThrow().balance()).isEqualTo(20L);
    }

    @Test
    void should_commit_each_write_by_itself_outside_a_transaction() throws SQLException {
        String id = fresh();
        accounts.insert(Account.of(id, "ann", 10));
        accounts.updateWithVersion(id, 1L, Changes.of("balance", 20L));
        try (Connection other = pool.getConnection()) {
            VersionedStore seen = SqlStores.onConnection(other, flavor(), StoreOptions.defaults());
            assertThat(seen.repository(Account.class, String.class).find(id).orElseThrow().balance()).isEqualTo(20L);
        }
    }

    @Test
    void should_run_on_a_plain_jdbc_connection_in_its_transaction_and_never_end_or_close_it() throws SQLException {
        String id = fresh();
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            VersionedStore onConnection = SqlStores.onConnection(connection, flavor(), StoreOptions.defaults());
            VersionedRepository<Account, String> mine = onConnection.repository(Account.class, String.class);
            mine.insert(Account.of(id, "ann", 10));
            connection.rollback();
            assertThat(accounts.find(id)).as("rolled back by its owner").isEmpty();
            mine.insert(Account.of(id, "ann", 10));
            mine.updateWithVersion(id, 1L, Changes.of("balance", 30L));
            assertThat(accounts.find(id)).as("not committed yet: other connections do not see it").isEmpty();
            connection.commit();
            onConnection.close();
            assertThat(connection.isClosed()).as("closing the store leaves the connection open").isFalse();
            assertThat(connection.getAutoCommit()).isFalse();
        }
        assertThat(accounts.find(id).orElseThrow().balance()).isEqualTo(30L);
    }

    @Test
    void should_report_a_row_changed_after_a_repeatable_read_snapshot_as_transient_never_as_a_conflict() {
        String id = fresh();
        accounts.insert(Account.of(id, "ann", 10));
        TransactionTemplate repeatable = new TransactionTemplate(new DataSourceTransactionManager(pool));
        repeatable.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        TransactionTemplate separate = new TransactionTemplate(new DataSourceTransactionManager(pool));
        separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        Throwable raced = catchThrowable(() -> repeatable.executeWithoutResult(status -> {
            long version = accounts.find(id).orElseThrow().version(); // takes this transaction's snapshot
            // another transaction, on another connection, changes the row and commits
            separate.executeWithoutResult(other -> accounts.updateWithVersion(id, version, Changes.of("balance", 12L)));
            accounts.updateWithVersion(id, version, Changes.of("balance", 13L));
        }));
        assertThat(raced).as("a write that meets a row changed after the transaction's snapshot")
                .isInstanceOf(TransientOptilockException.class).isNotInstanceOf(OptimisticLockException.class);
        assertThat(accounts.find(id).orElseThrow().balance()).as("the other transaction's write stands").isEqualTo(12L);
    }

    @Test
    void should_roll_a_group_back_with_the_callers_transaction_and_keep_it_usable_after_a_refused_group() {
        String warehouse = fresh();
        Bin a = bins.insert(new Bin(warehouse, "a", 10, 0));
        Bin b = bins.insert(new Bin(warehouse, "b", 0, 0));
        List<GroupWrite<Bin, PrimaryKey>> move = List.of(
                GroupWrite.updateWithVersion(PrimaryKey.of(warehouse, "a"), a.version(), Changes.none().increment("quantity", -4)),
                GroupWrite.updateWithVersion(PrimaryKey.of(warehouse, "b"), b.version(), Changes.none().increment("quantity", 4)));
        transactions.executeWithoutResult(status -> {
            assertThat(bins.applyAtomically(move).applied()).isTrue();
            status.setRollbackOnly();
        });
        assertThat(bins.find(PrimaryKey.of(warehouse, "a"))).as("rolled back with the caller's transaction").contains(a);
        assertThat(bins.find(PrimaryKey.of(warehouse, "b"))).as("rolled back with the caller's transaction").contains(b);

        transactions.executeWithoutResult(status -> {
            jdbc.update("insert into audit (id) values (?)", warehouse);
            // Refused by the backend itself: the first write held and was sent, the second cannot apply.
            GroupResult<Bin, PrimaryKey> refused = bins.applyAtomically(List.of(move.get(0),
                    GroupWrite.updateWithVersion(PrimaryKey.of(warehouse, "b"), b.version() + 5, Changes.of("quantity", 1L))));
            assertThat(refused.applied()).isFalse();
            assertThat(bins.applyAtomically(move).applied()).as("the transaction is usable after a refused group").isTrue();
        });
        assertThat(audited(warehouse)).as("the caller's own write committed").isTrue();
        assertThat(bins.find(PrimaryKey.of(warehouse, "a")).orElseThrow().quantity()).isEqualTo(6L);
        assertThat(bins.find(PrimaryKey.of(warehouse, "b")).orElseThrow().quantity()).isEqualTo(4L);
    }

    @Test
    void should_apply_a_group_in_its_own_transaction_outside_the_callers() throws SQLException {
        String warehouse = fresh();
        Bin a = bins.insert(new Bin(warehouse, "a", 10, 0));
        GroupResult<Bin, PrimaryKey> moved = bins.applyAtomically(List.of(
                GroupWrite.updateWithVersion(PrimaryKey.of(warehouse, "a"), a.version(), Changes.none().increment("quantity", -4)),
                GroupWrite.insert(new Bin(warehouse, "b", 4, 0))));
        assertThat(moved.applied()).isTrue();
        try (Connection other = pool.getConnection()) {
            assertThat(other.getAutoCommit()).as("the pool's connection is back in auto-commit mode").isTrue();
            VersionedRepository<Bin, PrimaryKey> seen = SqlStores.onConnection(other, flavor(), StoreOptions.defaults())
                    .repository(Bin.class, PrimaryKey.class);
            assertThat(seen.find(PrimaryKey.of(warehouse, "b")).orElseThrow().quantity()).as("committed").isEqualTo(4L);
        }
    }

    private boolean audited(String id) {
        Integer count = jdbc.queryForObject("select count(*) from audit where id = ?", Integer.class, id);
        return count != null && count == 1;
    }

    private static String fresh() {
        return "tx-" + UUID.randomUUID();
    }
}
