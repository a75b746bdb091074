package dev.optilock;

import java.util.Objects;

/**
 * A named, typed column of an {@link EntitySpec}.
 *
 * @param name a valid identifier (see {@link Identifiers#requireValid})
 * @param type the column type
 */
public record ColumnDefinition(String name, ColumnType type) {
    public ColumnDefinition {
        Identifiers.requireValid("column name", name);
        Objects.requireNonNull(type, "type");
    }
}
