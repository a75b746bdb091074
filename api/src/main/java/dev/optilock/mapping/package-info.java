/**
 * Annotations that map a Java record to an {@link dev.optilock.EntitySpec}.
 *
 * <p>The table name is {@link Table#value()} or the record's simple name in snake_case; each component
 * is a column named by {@link Column#value()} or its own name in snake_case. One or more components are
 * {@link Key}s, exactly one is the {@link Version}, and at most one is {@link SoftDelete}. Java types map
 * to column types: {@code String} and enums to TEXT (enums by {@code name()}), {@code int}/{@code Integer}
 * to INT, {@code long}/{@code Long} to BIGINT, {@code boolean}/{@code Boolean} to BOOLEAN,
 * {@code double}/{@code Double} to DOUBLE, {@code BigDecimal} to DECIMAL, {@code UUID} to UUID,
 * {@code Instant} to TIMESTAMP and {@code byte[]} to BYTES. The version's Java type picks its kind:
 * {@code long}/{@code Long} for LONG, {@code UUID} for UUID, {@code Instant} for TIMESTAMP. Primitive
 * components cannot hold null: a null value read for one is an error.
 */
package dev.optilock.mapping;
