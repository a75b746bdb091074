package dev.optilock.sql;

import dev.optilock.ColumnDefinition;
import dev.optilock.ColumnType;
import dev.optilock.EntitySpec;
import dev.optilock.Row;
import dev.optilock.spi.StoreUrl;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.SQLDialect;

/**
 * Everything that differs between SQL databases, declared in one place: the URL prefix and how a URL names the
 * server (for messages), the driver artifact, the driver properties Optilock sets by default, column types, the jOOQ
 * dialect, the write style (how a conditional write reports the current row), and which errors mean what (duplicate
 * key, missing table or column, rolled back, connection lost). Adding a database means adding one subclass here,
 * plus a {@link WriteStyle} if neither existing one fits it.
 */
abstract class Dialect {
    private final SqlFlavor flavor;
    private final SQLDialect jooqDialect;
    private final String urlPrefix;
    private final String driverArtifact;
    private final WriteStyle writeStyle;

    /**
     * @param urlPrefix the prefix of this database's JDBC URLs
     * @param driverArtifact the Maven coordinates of the JDBC driver, for the message when it is missing
     * @param writeStyle how a conditional write reports the row it met
     */
    Dialect(SqlFlavor flavor, SQLDialect jooqDialect, String urlPrefix, String driverArtifact, WriteStyle writeStyle) {
        this.flavor = flavor;
        this.jooqDialect = jooqDialect;
        this.urlPrefix = urlPrefix;
        this.driverArtifact = driverArtifact;
        this.writeStyle = writeStyle;
    }

    static Dialect of(SqlFlavor flavor) {
        return switch (flavor) {
            case POSTGRESQL -> PostgresDialect.INSTANCE;
            case H2 -> H2Dialect.INSTANCE;
        };
    }

    final SqlFlavor flavor() {
        return flavor;
    }

    /** The name in capabilities and messages: {@code postgresql}, {@code h2}. */
    final String backendName() {
        return flavor.backendName();
    }

    final SQLDialect jooqDialect() {
        return jooqDialect;
    }

    /** The prefix of this database's JDBC URLs. */
    final String urlPrefix() {
        return urlPrefix;
    }

    /** The Maven coordinates of the JDBC driver, for the message when it is missing. */
    final String driverArtifact() {
        return driverArtifact;
    }

    /** Where a parsed URL points, for messages: {@code PostgreSQL at HOST:PORT (database NAME)}; never a password. */
    abstract String location(StoreUrl url);

    /**
     * Driver properties Optilock sets on a pool it opens unless the URL or the properties set them: none by default.
     *
     * @param settings the store's settings, whose {@link ConnectionSettings#driverSets} tells what the caller set
     */
    Map<String, String> defaultDriverProperties(ConnectionSettings settings) {
        return Map.of();
    }

    /** How a conditional write reports the row it met. */
    final WriteStyle writeStyle() {
        return writeStyle;
    }

    /**
     * The style the {@code writeStatement} option names ({@code probe} or {@code reporting}), or the default for null.
     *
     * @throws IllegalArgumentException if this database has no such style
     */
    WriteStyle writeStyle(String writeStatement) {
        if (writeStatement == null || writeStatement.equals("probe")) return writeStyle;
        throw new IllegalArgumentException("writeStatement=" + writeStatement + " is not available on " + backendName()
                + ": it has no statement that writes and reports the row it met; use probe");
    }

    /** The type name used in {@code CREATE TABLE} for a column type. */
    abstract String columnTypeName(ColumnType type);

    /**
     * The name of the driver's connection type, which {@link java.sql.Connection#unwrap} finds behind a pool's and a
     * framework's wrappers: the physical connection that {@link StatementCache} keeps statements on.
     */
    abstract String driverConnection();

    /** {@code timestamp + 1 millisecond}. */
    abstract Field<Object> plusOneMillisecond(Field<Object> timestamp);

    /**
     * Whether the database says, by state or code, that the session ended or the statement was cancelled, so that
     * the statement's effect is not reported (the generic JDBC signs are {@link SqlFailures}' to check).
     */
    abstract boolean isConnectionLost(SQLException e);

    /** The jOOQ type of bind parameters for a column type; it decides the casts jOOQ renders around them. */
    DataType<?> bindType(ColumnType type) {
        return JdbcValues.fieldType(type);
    }

    /** Whether the error is a primary key (unique) violation. */
    boolean isDuplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    /** Whether the error says that the table does not exist. */
    abstract boolean isMissingTable(SQLException e);

    /** Whether the error says that a column does not exist. */
    abstract boolean isMissingColumn(SQLException e);

    /**
     * Whether this database stores every value of {@code row} exactly as given, so that a write may report the row
     * it sent instead of the row the database returns: timestamps at whole milliseconds (they are read back at
     * milliseconds), anything else as it is.
     */
    boolean storesExactly(EntitySpec spec, Row row) {
        List<ColumnDefinition> columns = spec.columns();
        for (int i = 0; i < columns.size(); i++) {
            ColumnDefinition column = columns.get(i);
            if (mayStoreOtherwise(column.type()) && !storesExactly(column.type(), row.get(column.name()))) return false;
        }
        return true;
    }

    /** Whether some values of {@code type} are not stored exactly as given ({@link #storesExactly(ColumnType, Object)}). */
    boolean mayStoreOtherwise(ColumnType type) {
        return type == ColumnType.TIMESTAMP;
    }

    boolean storesExactly(ColumnType type, Object value) {
        return type != ColumnType.TIMESTAMP || value == null || ((Instant) value).getNano() % 1_000_000 == 0;
    }

    /** Whether the statement failed as a whole and was rolled back (deadlock, serialization, lock timeout). */
    abstract boolean isRolledBack(SQLException e);

    /** Whether a concurrent {@code CREATE TABLE IF NOT EXISTS} of the same table made this one fail. */
    boolean isConcurrentCreate(SQLException e) {
        return isDuplicateKey(e) || "42P07".equals(e.getSQLState()) || "42S01".equals(e.getSQLState());
    }

    @Override
    public String toString() {
        return backendName();
    }
}
