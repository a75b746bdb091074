package dev.optilock.cql;

import com.datastax.oss.driver.api.core.ProtocolVersion;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.ColumnDefinitions;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.type.DataType;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.core.type.codec.TypeCodec;
import com.datastax.oss.driver.api.core.type.codec.registry.CodecRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Binds the values of one prepared statement with the codecs of its bind markers found once, where
 * {@link PreparedStatement#bind(Object...)} looks a codec up per value and encodes text through a charset encoder
 * kept per thread. Each value is encoded as the driver's own codec for the marker's type encodes it: text as UTF-8
 * (one with an unpaired surrogate, which the driver's codec refuses, goes to that codec), anything else as
 * {@link CqlValues#toDriver} converts it (a byte array to a copy in a buffer) and then by the marker's default codec,
 * or by the registry's codec for the value when that one does not accept it. Safe to use from many threads.
 */
final class BoundValues {
    private final PreparedStatement statement;
    private final CodecRegistry registry;
    private final ProtocolVersion protocolVersion;
    private final DataType[] types;
    private final TypeCodec<Object>[] codecs;
    private final boolean[] text;

    @SuppressWarnings("unchecked")
    BoundValues(PreparedStatement statement, CodecRegistry registry, ProtocolVersion protocolVersion) {
        this.statement = statement;
        this.registry = registry;
        this.protocolVersion = protocolVersion;
        ColumnDefinitions markers = statement.getVariableDefinitions();
        this.types = new DataType[markers.size()];
        this.codecs = new TypeCodec[markers.size()];
        this.text = new boolean[markers.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = markers.get(i).getType();
            codecs[i] = registry.codecFor(types[i]);
            text[i] = types[i].equals(DataTypes.TEXT);
        }
    }

    /** A builder of a statement bound from this one, every marker unset until {@link #set} sets it. */
    BoundStatementBuilder start() {
        return statement.boundStatementBuilder();
    }

    /**
     * Sets marker {@code marker} of {@code bound} to {@code value} (Optilock's types: a byte array for a blob; null
     * binds null).
     *
     * @throws IllegalArgumentException if the value does not fit the marker's type
     */
    void set(BoundStatementBuilder bound, int marker, Object value) {
        bound.setBytesUnsafe(marker, encode(marker, value));
    }

    private ByteBuffer encode(int marker, Object value) {
        if (value == null) return null;
        if (text[marker] && value instanceof String string && !hasSurrogate(string)) {
            return ByteBuffer.wrap(string.getBytes(StandardCharsets.UTF_8));
        }
        Object driverValue = CqlValues.toDriver(value);
        TypeCodec<Object> codec = codecs[marker];
        if (!codec.accepts(driverValue)) codec = registry.codecFor(types[marker], driverValue);
        return codec.encode(driverValue, protocolVersion);
    }

    /** Whether the text holds a surrogate (valid pairs included: rare enough to leave them all to the driver's codec). */
    private static boolean hasSurrogate(String string) {
        for (int i = 0; i < string.length(); i++) {
            if (Character.isSurrogate(string.charAt(i))) return true;
        }
        return false;
    }
}
