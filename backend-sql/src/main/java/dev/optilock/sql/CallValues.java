package dev.optilock.sql;

import dev.optilock.ColumnType;

/**
 * The values one call binds, with their column types, by the index a {@link PreparedSql} gives each of its
 * placeholders: {@link Arguments} collected while a statement's shape was found, or a {@link PreparedShape.Call}
 * that reads them in place from the call's own inputs.
 */
interface CallValues {
    /** The value at {@code index}; null binds SQL {@code NULL}. */
    Object value(int index);

    /** The column type of the value at {@code index}, which decides how it is bound. */
    ColumnType type(int index);
}
