package dev.optilock.cql;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.cql.ColumnDefinitions;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;
import dev.optilock.ColumnDefinition;
import dev.optilock.ColumnType;
import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Column types and values between Optilock and the driver. */
final class CqlValues {
    /** The column every LWT response starts with. */
    private static final CqlIdentifier APPLIED = CqlIdentifier.fromInternal("[applied]");

    private CqlValues() {
    }

    /** The CQL type that stores a column type. */
    static String cqlType(ColumnType type) {
        return switch (type) {
            case TEXT -> "text";
            case INT -> "int";
            case BIGINT -> "bigint";
            case BOOLEAN -> "boolean";
            case DOUBLE -> "double";
            case DECIMAL -> "decimal";
            case UUID -> "uuid";
            case TIMESTAMP -> "timestamp";
            case BYTES -> "blob";
        };
    }

    /** A value as the driver binds it: byte arrays become buffers (copied), lists are converted element-wise. */
    static Object toDriver(Object value) {
        if (value instanceof byte[] bytes) return ByteBuffer.wrap(bytes.clone());
        if (value instanceof List<?> list) {
            List<Object> converted = new ArrayList<>(list.size());
            for (Object element : list) converted.add(toDriver(element));
            return converted;
        }
        return value;
    }

    /** A value as a {@link Row} holds it: buffers become byte arrays. */
    static Object fromDriver(Object value) {
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes;
        }
        return value;
    }

    /**
     * The spec's columns present in a driver row (the {@code [applied]} column and unknown columns skipped),
     * with the key values added when the row lacks them.
     */
    static Row toRow(EntitySpec spec, PrimaryKey key, com.datastax.oss.driver.api.core.cql.Row driverRow) {
        Row.Builder row = Row.builder();
        ColumnDefinitions definitions = driverRow.getColumnDefinitions();
        Set<String> present = new HashSet<>();
        for (int i = 0; i < definitions.size(); i++) {
            present.add(definitions.get(i).getName().asInternal());
        }
        for (int k = 0; k < spec.keyColumns().size(); k++) {
            String column = spec.keyColumns().get(k);
            if (key != null && !present.contains(column)) row.set(column, key.get(k));
        }
        for (int i = 0; i < definitions.size(); i++) {
            String name = definitions.get(i).getName().asInternal();
            if (spec.column(name).isPresent()) row.set(name, fromDriver(driverRow.getObject(i)));
        }
        return ordered(spec, row.build());
    }

    /** Whether {@code row} holds every column of the spec. */
    static boolean isComplete(EntitySpec spec, Row row) {
        for (ColumnDefinition column : spec.columns()) {
            if (!row.has(column.name())) return false;
        }
        return true;
    }

    /** The row with its columns in spec order (only the spec's columns it has). */
    static Row ordered(EntitySpec spec, Row row) {
        Row.Builder ordered = Row.builder();
        Map<String, Object> values = row.asMap();
        for (ColumnDefinition column : spec.columns()) {
            if (values.containsKey(column.name())) ordered.set(column.name(), values.get(column.name()));
        }
        return ordered.build();
    }

    /** The number of columns of a driver row other than {@code [applied]}. */
    static int dataColumns(com.datastax.oss.driver.api.core.cql.Row driverRow) {
        ColumnDefinitions definitions = driverRow.getColumnDefinitions();
        return definitions.contains(APPLIED) ? definitions.size() - 1 : definitions.size();
    }

    /**
     * Whether a conditional statement's response says it was applied. Servers put {@code [applied]} first; it is then
     * decoded in place, without the lookups of a column by name and of its codec.
     */
    static boolean applied(com.datastax.oss.driver.api.core.cql.Row driverRow) {
        ColumnDefinitions columns = driverRow.getColumnDefinitions();
        if (columns.size() > 0 && columns.get(0).getName().equals(APPLIED) && columns.get(0).getType().equals(DataTypes.BOOLEAN)) {
            return TypeCodecs.BOOLEAN.decodePrimitive(driverRow.getBytesUnsafe(0), driverRow.protocolVersion());
        }
        return driverRow.getBoolean(APPLIED);
    }

    /** A row holding only the key columns, with the values of {@code key}. */
    static Row keyRow(EntitySpec spec, PrimaryKey key) {
        Row.Builder row = Row.builder();
        for (int i = 0; i < spec.keyColumns().size(); i++) row.set(spec.keyColumns().get(i), key.get(i));
        return row.build();
    }

    /** Every row the backend writes has a version, so a response row without one stands for a missing row. */
    static boolean exists(EntitySpec spec, Row row) {
        return row.has(spec.versionColumn()) && row.asMap().get(spec.versionColumn()) != null;
    }
}
