package dev.optilock.benchmarks;

import dev.optilock.StoreOptions;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.testservers.PostgresServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** The embedded PostgreSQL server of the test-servers module, a fresh schema in it, the tables and the pools. */
final class SqlDatabase {
    /**
     * The table every implementation of the uncontended scenarios writes, the same rows, with Optilock's hidden columns
     * (as a table Optilock shares with other code has them); each worker reads its rows' versions before each run
     * ({@link Worker#prepare}). Until 2026-12-06 each implementation had an identical table of its own, and two identical
     * implementations on two such tables differed by up to 12 % at 8 threads, following the table: more than the gap
     * the benchmark measures. The diagnostics in schemas of their own (reporting, without identities) keep tables of
     * their own.
     */
    static final String ITEM_TABLE = "bench_item";

    private final PostgresServer server;
    private final String url;

    private SqlDatabase(PostgresServer server, String url) {
        this.server = server;
        this.url = url;
    }

    /**
     * Rows in each update table, of which the scenarios write the first few hundred: a table of production size, so that
     * PostgreSQL plans every update by its primary key. With only the rows written (128), it planned the statements of
     * some connections as sequential scans (a generic plan chosen while the table was one page), which grew slower as
     * dead rows accumulated; which connection got which plan then decided a run, and the ratios at 8 threads moved
     * between 0.7 and 1.0 from run to run.
     */
    static final int TABLE_ROWS = 100_000;

    /**
     * The rows at the head of every update table, among them every row the scenarios write, which are stored at
     * {@link #WRITTEN_FILL_FACTOR}; the rest at {@link #FILL_FACTOR}.
     */
    static final int WRITTEN_ROWS = 1_024;

    /**
     * The fill factor of the written rows' pages: the least PostgreSQL allows, about 14 rows a page, so that the 8
     * threads' rows (16 each, consecutive keys) lie on 10 pages rather than 2, and each page has room for many row
     * versions. With all 128 written rows on the first two pages, at 8 threads pruning often could not take a page
     * (its cleanup lock needs no other backend on it): updates then moved rows to other pages and added index entries,
     * and how many did so differed from table to table (300 to 7,500 in one run, and 13,000 on one table at fill
     * factor 100). Tables with Optilock's hidden columns (wider rows, less room left on a page) had the most, which
     * cost their server side up to 7 µs per write more than the same statement measured at 1 thread: page contention
     * the benchmark made by packing every writer's rows together, not a cost of the statement.
     */
    static final int WRITTEN_FILL_FACTOR = 10;

    /**
     * The fill factor of every update table past its written rows, and the one the table keeps (PostgreSQL prunes a
     * page once less than this share of it is free): half of each page free for HOT updates.
     */
    static final int FILL_FACTOR = 50;

    /** The hidden columns of a table Optilock writes with write identities (the README's ALTER TABLE). */
    private static final String IDENTITY_COLUMNS = ", optilock_write UUID, optilock_deleted UUID, optilock_created UUID,"
            + " optilock_history BYTEA";

    /** @param rows the rows the scenarios write, at most {@link #WRITTEN_ROWS}: the tables hold {@link #TABLE_ROWS} */
    static SqlDatabase start(int rows) throws SQLException {
        if (rows > WRITTEN_ROWS) {
            throw new IllegalArgumentException("rows: the scenarios write " + rows + " rows, more than the " + WRITTEN_ROWS
                    + " stored at fill factor " + WRITTEN_FILL_FACTOR);
        }
        rows = TABLE_ROWS;
        PostgresServer server = PostgresServer.shared();
        String url = server.jdbcUrlForFreshSchema("bench_");
        SqlDatabase database = new SqlDatabase(server, url);
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            createItemTable(statement, ITEM_TABLE, true, rows);
            createCounterTable(statement, "hot_counter");
            // The same item table and hot_counter in a schema of their own, for the store that writes with
            // writeStatement=reporting.
            String reporting = database.reportingSchema();
            statement.execute("CREATE SCHEMA " + reporting);
            createItemTable(statement, reporting + "." + ITEM_TABLE, true, rows);
            createCounterTable(statement, reporting + ".hot_counter");
            // The item table once more, without the hidden columns, for the store without write identities.
            String plain = database.withoutIdentitiesSchema();
            statement.execute("CREATE SCHEMA " + plain);
            createItemTable(statement, plain + "." + ITEM_TABLE, false, rows);
            statement.execute("ANALYZE");
        }
        return database;
    }

    /**
     * {@code table(id, payload, version)}, with Optilock's hidden columns or without, holding rows 0 to
     * {@code rows - 1}: the first {@link #WRITTEN_ROWS} at {@link #WRITTEN_FILL_FACTOR}, the others at
     * {@link #FILL_FACTOR}.
     */
    private static void createItemTable(Statement statement, String table, boolean identities, int rows) throws SQLException {
        statement.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, payload text, version bigint NOT NULL"
                + (identities ? IDENTITY_COLUMNS : "") + ") WITH (fillfactor = " + WRITTEN_FILL_FACTOR + ")");
        statement.execute("INSERT INTO " + table + " (id, payload, version) SELECT g, 'initial', 1 FROM generate_series(0, "
                + (WRITTEN_ROWS - 1) + ") g");
        statement.execute("ALTER TABLE " + table + " SET (fillfactor = " + FILL_FACTOR + ")");
        statement.execute("INSERT INTO " + table + " (id, payload, version) SELECT g, 'initial', 1 FROM generate_series("
                + WRITTEN_ROWS + ", " + (rows - 1) + ") g");
    }

    /** {@code table(id, hits, version)} with Optilock's hidden columns, holding the one row of the hot-key scenario. */
    private static void createCounterTable(Statement statement, String table) throws SQLException {
        statement.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, hits bigint NOT NULL, version bigint NOT NULL"
                + IDENTITY_COLUMNS + ") WITH (fillfactor = " + FILL_FACTOR + ")");
        statement.execute("INSERT INTO " + table + " (id, hits, version) VALUES (1, 0, 1)");
    }

    /**
     * Vacuums every table of the run, so that each scenario starts on tables in the same state (no dead row versions,
     * free space on every written page), whatever the scenario before it left behind.
     */
    void vacuum() throws SQLException {
        List<String> tables = new java.util.ArrayList<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            try (ResultSet result = statement.executeQuery("SELECT quote_ident(schemaname) || '.' || quote_ident(tablename)"
                    + " FROM pg_tables WHERE schemaname IN ('" + schema() + "', '" + reportingSchema() + "', '"
                    + withoutIdentitiesSchema() + "')")) {
                while (result.next()) tables.add(result.getString(1));
            }
            statement.execute("VACUUM (ANALYZE) " + String.join(", ", tables));
        }
    }

    /** The schema of the reporting store's tables: this run's schema name followed by {@code _reporting}. */
    String reportingSchema() {
        return schema() + "_reporting";
    }

    /** This run's schema, the one the URL names. */
    private String schema() {
        return url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
    }

    /**
     * The options of a store that writes with {@code writeStatement=reporting} (one data-modifying CTE per write, the
     * statement the default replaced) on its own copies of the tables, in {@link #reportingSchema()}.
     */
    StoreOptions reportingStoreOptions() {
        return StoreOptions.builder().property("writeStatement", "reporting").property("schema", reportingSchema()).build();
    }

    /** The schema of the table without write identities: this run's schema name followed by {@code _plain}. */
    String withoutIdentitiesSchema() {
        return schema() + "_plain";
    }

    /**
     * The options of a store without write identities ({@link StoreOptions#writeIdentities()} off: a plain versioned
     * {@code UPDATE}, no settlement of unknown outcomes, no tombstones) on its own copy of the table, in
     * {@link #withoutIdentitiesSchema()}.
     */
    StoreOptions withoutIdentitiesStoreOptions() {
        return StoreOptions.builder().writeIdentities(false).property("schema", withoutIdentitiesSchema()).build();
    }

    /**
     * Logs how PostgreSQL ran the updates of this run's tables (scans, HOT updates, dead rows, size, vacuums): a
     * diagnostic for a table that ran slower than its twin.
     */
    void logTableStatistics(String when) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             java.sql.ResultSet rows = statement.executeQuery("SELECT schemaname || '.' || relname, seq_scan, idx_scan, n_tup_upd,"
                     + " n_tup_hot_upd, n_dead_tup, pg_relation_size(relid), autovacuum_count, autoanalyze_count"
                     + " FROM pg_stat_user_tables WHERE schemaname LIKE 'bench_%' AND n_tup_upd > 0 ORDER BY 1")) {
            while (rows.next()) {
                Log.info("%s: table %-40s seq %d idx %d updates %d (HOT %d) dead %d, %d bytes, autovacuum %d analyze %d", when,
                        rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getLong(4), rows.getLong(5), rows.getLong(6),
                        rows.getLong(7), rows.getLong(8), rows.getLong(9));
            }
        }
    }

    /**
     * Logs, for every statement the connections of {@code pool} hold prepared on the server, how many of those
     * connections hold it and how PostgreSQL planned its executions there (generic or custom plans): a diagnostic for an
     * implementation that ran slower than its twin on the same connections. Borrows all {@code size} connections at once,
     * so that each is asked once.
     */
    static void logPreparedPlans(DataSource pool, int size, String when) throws SQLException {
        List<Connection> borrowed = new java.util.ArrayList<>();
        java.util.Map<String, long[]> byStatement = new java.util.TreeMap<>();
        try {
            for (int i = 0; i < size; i++) borrowed.add(pool.getConnection());
            for (Connection connection : borrowed) {
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("SELECT left(regexp_replace(statement, '\\s+', ' ', 'g'), 90),"
                             + " generic_plans, custom_plans FROM pg_prepared_statements WHERE statement ILIKE 'UPDATE%'"
                             + " OR statement ILIKE 'WITH%'")) {
                    while (rows.next()) {
                        long[] counts = byStatement.computeIfAbsent(rows.getString(1), text -> new long[3]);
                        counts[0]++;
                        counts[1] += rows.getLong(2);
                        counts[2] += rows.getLong(3);
                    }
                }
            }
        } finally {
            for (Connection connection : borrowed) connection.close();
        }
        byStatement.forEach((text, counts) -> Log.info("%s: prepared on %d connections, %,d generic and %,d custom plans: %s", when,
                counts[0], counts[1], counts[2], text));
    }

    Connection connect() throws SQLException {
        return simpleDataSource().getConnection();
    }

    /** A plain HikariCP pool of {@code size} connections, in auto-commit mode (HikariCP's and PostgreSQL's default). */
    HikariDataSource pool(String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setUsername(server.username());
        config.setPassword(server.password());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        return new HikariDataSource(config);
    }

    /** A HikariCP pool of {@code size} connections over a {@link CountingDataSource}. */
    HikariDataSource countingPool(String name, int size, CountingDataSource counting) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setDataSource(counting);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        return new HikariDataSource(config);
    }

    DataSource simpleDataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        dataSource.setUser(server.username());
        dataSource.setPassword(server.password());
        return dataSource;
    }

    /**
     * The pinning of the 1-thread scenario to CPUs, when this machine runs the server ({@link CpuPinning#forPostgres}).
     */
    java.util.Optional<CpuPinning> cpuPinning() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT pg_backend_pid()")) {
            result.next();
            return CpuPinning.forPostgres(result.getLong(1));
        }
    }

    String version() {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SHOW server_version")) {
            result.next();
            return "PostgreSQL " + result.getString(1) + " (" + server.source() + ")";
        } catch (SQLException e) {
            return "PostgreSQL (version unknown: " + e.getMessage() + ")";
        }
    }

    /** Reads the stored versions of rows {@code first} to {@code first + versions.length - 1} of {@link #ITEM_TABLE} into {@code versions}. */
    static void readVersions(DataSource dataSource, long first, long[] versions) throws SQLException {
        int count = versions.length;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT id, version FROM " + ITEM_TABLE
                     + " WHERE id BETWEEN ? AND ? ORDER BY id")) {
            select.setLong(1, first);
            select.setLong(2, first + count - 1);
            try (ResultSet result = select.executeQuery()) {
                int n = 0;
                while (result.next()) versions[n++] = result.getLong(2);
                if (n != count) throw new IllegalStateException(ITEM_TABLE + " lacks rows from " + first);
            }
        }
    }

    /** A single number from a query. */
    static long queryLong(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
