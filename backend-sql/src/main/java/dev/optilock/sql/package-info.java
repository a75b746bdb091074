/**
 * The SQL backend: PostgreSQL and H2 through jOOQ-rendered statements whose values are always bound, over a
 * HikariCP pool (stores opened by {@code jdbc:postgresql:} and {@code jdbc:h2:} URLs) or your own
 * {@link javax.sql.DataSource} ({@link dev.optilock.sql.SqlStores}). An uncontended conditional write is one
 * statement.
 */
package dev.optilock.sql;
