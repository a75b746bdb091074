package dev.optilock.sql;

import dev.optilock.ColumnType;
import java.sql.SQLException;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * What differs between SQL databases: column types, the jOOQ dialect, how a write reports the current row, and
 * which errors mean what. Adding a database (MySQL, MariaDB) means adding one subclass here, plus a write style in
 * {@link TableStatements} if it has no {@code RETURNING}.
 */
abstract class Dialect {
    private final SqlFlavor flavor;

    private Dialect(SqlFlavor flavor) {
        this.flavor = flavor;
    }

    static Dialect of(SqlFlavor flavor) {
        return switch (flavor) {
            case POSTGRESQL -> Postgres.INSTANCE;
            case H2 -> H2.INSTANCE;
        };
    }

    final SqlFlavor flavor() {
        return flavor;
    }

    /** The name in capabilities and messages: {@code postgresql}, {@code h2}. */
    final String backendName() {
        return flavor.backendName();
    }

    abstract SQLDialect jooqDialect();

    /** The type name used in {@code CREATE TABLE} for a column type. */
    abstract String columnTypeName(ColumnType type);

    /** {@code timestamp + 1 millisecond}. */
    abstract Field<Object> plusOneMillisecond(Field<Object> timestamp);

    /**
     * Whether a conditional write reports the current row in the same statement (a data-modifying common table
     * expression); otherwise a write is {@code ... RETURNING} followed, when it changed nothing, by a probe.
     */
    abstract boolean reportsCurrentRowInOneStatement();

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

    private static final class Postgres extends Dialect {
        static final Postgres INSTANCE = new Postgres();

        private Postgres() {
            super(SqlFlavor.POSTGRESQL);
        }

        @Override
        SQLDialect jooqDialect() {
            return SQLDialect.POSTGRES;
        }

        @Override
        String columnTypeName(ColumnType type) {
            return switch (type) {
                case TEXT -> "text";
                case INT -> "integer";
                case BIGINT -> "bigint";
                case BOOLEAN -> "boolean";
                case DOUBLE -> "double precision";
                case DECIMAL -> "numeric";
                case UUID -> "uuid";
                case TIMESTAMP -> "timestamp with time zone";
                case BYTES -> "bytea";
            };
        }

        @Override
        Field<Object> plusOneMillisecond(Field<Object> timestamp) {
            return DSL.field("({0} + interval '1 millisecond')", timestamp.getDataType(), timestamp);
        }

        @Override
        boolean reportsCurrentRowInOneStatement() {
            return true;
        }

        @Override
        boolean isMissingTable(SQLException e) {
            return "42P01".equals(e.getSQLState());
        }

        @Override
        boolean isMissingColumn(SQLException e) {
            return "42703".equals(e.getSQLState());
        }

        @Override
        boolean isRolledBack(SQLException e) {
            String state = e.getSQLState();
            // serialization_failure, deadlock_detected, lock_not_available (lock_timeout)
            return "40001".equals(state) || "40P01".equals(state) || "55P03".equals(state);
        }
    }

    private static final class H2 extends Dialect {
        static final H2 INSTANCE = new H2();
        /** H2 error codes (org.h2.api.ErrorCode), not referenced directly so that H2 stays optional. */
        private static final int LOCK_TIMEOUT = 50200;
        private static final int DEADLOCK = 40001;
        private static final int CONCURRENT_UPDATE = 90131;
        private static final int TABLE_NOT_FOUND = 42102;
        private static final int TABLE_NOT_FOUND_DATABASE_EMPTY = 42104;
        private static final int COLUMN_NOT_FOUND = 42122;

        private H2() {
            super(SqlFlavor.H2);
        }

        @Override
        SQLDialect jooqDialect() {
            return SQLDialect.H2;
        }

        @Override
        String columnTypeName(ColumnType type) {
            return switch (type) {
                case TEXT -> "character varying";
                case INT -> "integer";
                case BIGINT -> "bigint";
                case BOOLEAN -> "boolean";
                case DOUBLE -> "double precision";
                // NUMERIC without precision has scale 0 in H2 and would round 1.50 to 2; DECFLOAT keeps the value.
                case DECIMAL -> "decfloat";
                case UUID -> "uuid";
                case TIMESTAMP -> "timestamp with time zone";
                case BYTES -> "binary varying";
            };
        }

        @Override
        DataType<?> bindType(ColumnType type) {
            // jOOQ renders cast(? as numeric) for NUMERIC parameters on H2, which rounds to scale 0: bind untyped.
            return type == ColumnType.DECIMAL ? SQLDataType.OTHER : super.bindType(type);
        }

        @Override
        Field<Object> plusOneMillisecond(Field<Object> timestamp) {
            return DSL.field("({0} + interval '0.001' second)", timestamp.getDataType(), timestamp);
        }

        @Override
        boolean reportsCurrentRowInOneStatement() {
            return false;
        }

        @Override
        boolean isMissingTable(SQLException e) {
            return e.getErrorCode() == TABLE_NOT_FOUND || e.getErrorCode() == TABLE_NOT_FOUND_DATABASE_EMPTY
                    || "42S02".equals(e.getSQLState());
        }

        @Override
        boolean isMissingColumn(SQLException e) {
            return e.getErrorCode() == COLUMN_NOT_FOUND || "42S22".equals(e.getSQLState());
        }

        @Override
        boolean isRolledBack(SQLException e) {
            int code = e.getErrorCode();
            return code == LOCK_TIMEOUT || code == DEADLOCK || code == CONCURRENT_UPDATE;
        }
    }
}
