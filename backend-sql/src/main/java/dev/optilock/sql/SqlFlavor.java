package dev.optilock.sql;

/**
 * The SQL databases the SQL backend speaks to. It decides the column types of created tables and the shape of
 * every statement; pick the one your {@link javax.sql.DataSource} connects to.
 */
public enum SqlFlavor {
    /** PostgreSQL 9.5 or later (tested with 17), through the {@code org.postgresql:postgresql} driver. */
    POSTGRESQL("postgresql"),
    /** H2 2.x (tested with 2.3), in-process or over TCP, through the {@code com.h2database:h2} driver. */
    H2("h2");

    private final String backendName;

    SqlFlavor(String backendName) {
        this.backendName = backendName;
    }

    /** The backend name stores of this flavor report in {@link dev.optilock.Capabilities#backendName()}. */
    public String backendName() {
        return backendName;
    }
}
