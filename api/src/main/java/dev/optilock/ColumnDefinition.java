package dev.optilock;

import java.util.Objects;

/**
 * A named, typed column of an {@link EntitySpec}.
 *
 * @param name a valid identifier (see {@link Identifiers#requireValid}); kept as its canonical {@link String#intern()
 *     instance}, so that the lookups of the write path (where names come from string literals, which are interned) find
 *     it by identity instead of comparing characters
 * @param type the column type
 */
public record ColumnDefinition(String name, ColumnType type) {
    public ColumnDefinition {
        name = Identifiers.requireValid("column name", name).intern();
        Objects.requireNonNull(type, "type");
    }
}
