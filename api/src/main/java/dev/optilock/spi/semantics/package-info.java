/**
 * The normative semantics of the SPI: what every backend must match, written once.
 *
 * <p>A backend translates conditions and assignments into its own statements, but the meaning of those
 * statements is defined here, not by any one backend: {@link dev.optilock.spi.semantics.Conditions} says when
 * a {@link dev.optilock.Condition} holds for a row, {@link dev.optilock.spi.semantics.Assignments} what a row
 * becomes after a write's assignments (increments included), and {@link dev.optilock.spi.semantics.Values}
 * when two column values are the same. The reference backend ({@code optilock:mem:}) evaluates writes with
 * exactly these functions; a backend that derives a row instead of reading it back (for example the row after
 * an applied write) must use them too, so that what it reports is what its database stored. The TCK compares
 * every backend with them.
 */
package dev.optilock.spi.semantics;
