package dev.optilock.tck;

import dev.optilock.ColumnDefinition;
import dev.optilock.ColumnType;
import dev.optilock.Condition;
import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.spi.Assignment;
import dev.optilock.spi.Backend;
import dev.optilock.spi.GroupStatement;
import dev.optilock.spi.WriteOutcome;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Broken backends that store values or keys other than they were given, as real databases and drivers do: each
 * changes one kind of value on its way in (and the TCK must notice), everything else delegated to the reference.
 */
final class ManglingBackends {
    private ManglingBackends() {
    }

    /** Changes every value written (inserted rows, set values, group statements) by {@link #stored}. */
    abstract static class ValueMangling extends BrokenBackends.Delegating {
        ValueMangling(Backend delegate) {
            super(delegate);
        }

        /** What the broken database keeps of {@code value} in a column of {@code type} (never called with null). */
        abstract Object stored(ColumnType type, Object value);

        final Row mangled(EntitySpec spec, Row row) {
            Row.Builder builder = Row.builder();
            for (String column : row.columns()) builder.set(column, value(spec, column, row.get(column)));
            return builder.build();
        }

        private Object value(EntitySpec spec, String column, Object value) {
            if (value == null || spec.isKey(column)) return value;
            Optional<ColumnDefinition> definition = spec.column(column);
            return definition.isEmpty() ? value : stored(definition.get().type(), value);
        }

        private List<Assignment> mangled(EntitySpec spec, List<Assignment> assignments) {
            List<Assignment> changed = new ArrayList<>(assignments.size());
            for (Assignment assignment : assignments) {
                changed.add(assignment instanceof Assignment.SetValue set
                        ? new Assignment.SetValue(set.column(), value(spec, set.column(), set.value())) : assignment);
            }
            return changed;
        }

        @Override
        public WriteOutcome insertIfAbsent(EntitySpec spec, Row row) {
            return delegate.insertIfAbsent(spec, mangled(spec, row));
        }

        @Override
        public WriteOutcome update(EntitySpec spec, PrimaryKey key, List<Assignment> assignments, Condition condition) {
            return delegate.update(spec, key, mangled(spec, assignments), condition);
        }

        @Override
        public boolean applyGroup(EntitySpec spec, List<GroupStatement> statements) {
            List<GroupStatement> changed = new ArrayList<>(statements.size());
            for (GroupStatement statement : statements) {
                if (statement instanceof GroupStatement.Insert insert) {
                    changed.add(new GroupStatement.Insert(insert.key(), mangled(spec, insert.row())));
                } else if (statement instanceof GroupStatement.Set set) {
                    List<Assignment.SetValue> values = new ArrayList<>();
                    for (Assignment assignment : mangled(spec, List.copyOf(set.values()))) values.add((Assignment.SetValue) assignment);
                    changed.add(new GroupStatement.Set(set.key(), values, set.condition()));
                } else {
                    changed.add(statement);
                }
            }
            return delegate.applyGroup(spec, changed);
        }
    }

    /** SQLite's and many JSON encoders' NaN: stored as null. */
    static final class NanAsNull extends ValueMangling {
        NanAsNull(Backend delegate) {
            super(delegate);
        }

        @Override
        Object stored(ColumnType type, Object value) {
            return value instanceof Double number && number.isNaN() ? null : value;
        }
    }

    /**
     * Right on inserts, wrong on updates: the update path binds doubles through a conversion that turns NaN into null
     * (two binding code paths, one of them wrong).
     */
    static final class UpdatePathNanAsNull extends BrokenBackends.Delegating {
        UpdatePathNanAsNull(Backend delegate) {
            super(delegate);
        }

        @Override
        public WriteOutcome update(EntitySpec spec, PrimaryKey key, List<Assignment> assignments, Condition condition) {
            List<Assignment> changed = new ArrayList<>(assignments.size());
            for (Assignment assignment : assignments) {
                changed.add(assignment instanceof Assignment.SetValue set && set.value() instanceof Double number && number.isNaN()
                        ? new Assignment.SetValue(set.column(), null) : assignment);
            }
            return delegate.update(spec, key, changed, condition);
        }
    }

    /** MySQL's {@code FLOAT}: doubles kept at single precision. */
    static final class DoubleAsFloat extends ValueMangling {
        DoubleAsFloat(Backend delegate) {
            super(delegate);
        }

        @Override
        Object stored(ColumnType type, Object value) {
            return value instanceof Double number ? (double) number.floatValue() : value;
        }
    }

    /** A JSON store read by JavaScript (or DynamoDB through a double): integers beyond 2^53 lose their last digits. */
    static final class LongAsDouble extends ValueMangling {
        LongAsDouble(Backend delegate) {
            super(delegate);
        }

        @Override
        Object stored(ColumnType type, Object value) {
            return value instanceof Long number ? (long) number.doubleValue() : value;
        }
    }

    /** A {@code NUMERIC(38, 2)} money column: decimals rounded to two places. */
    static final class DecimalScaleTwo extends ValueMangling {
        DecimalScaleTwo(Backend delegate) {
            super(delegate);
        }

        @Override
        Object stored(ColumnType type, Object value) {
            return value instanceof BigDecimal number ? number.setScale(2, RoundingMode.HALF_UP) : value;
        }
    }

    /** MySQL's {@code DATETIME} without fractional seconds: timestamps truncated to the second. */
    static final class TimestampSeconds extends ValueMangling {
        TimestampSeconds(Backend delegate) {
            super(delegate);
        }

        @Override
        Object stored(ColumnType type, Object value) {
            return value instanceof Instant instant ? instant.truncatedTo(ChronoUnit.SECONDS) : value;
        }
    }

    /** Oracle's {@code VARCHAR2}: the empty string is null. */
    static final class EmptyTextAsNull extends ValueMangling {
        EmptyTextAsNull(Backend delegate) {
            super(delegate);
        }

        @Override
        Object stored(ColumnType type, Object value) {
            return value instanceof String text && text.isEmpty() ? null : value;
        }
    }

    /** A {@code CHAR} column read back trimmed: trailing spaces lost. */
    static final class TrimmedText extends ValueMangling {
        TrimmedText(Backend delegate) {
            super(delegate);
        }

        @Override
        Object stored(ColumnType type, Object value) {
            return value instanceof String text ? text.stripTrailing() : value;
        }
    }

    /** MySQL's {@code VARCHAR(255)} outside strict mode: longer text silently cut. */
    static final class TruncatedText extends ValueMangling {
        TruncatedText(Backend delegate) {
            super(delegate);
        }

        @Override
        Object stored(ColumnType type, Object value) {
            return value instanceof String text && text.length() > 255 ? text.substring(0, 255) : value;
        }
    }

    /** A fixed-width binary column read back with its trailing zero bytes stripped. */
    static final class TrailingZeroBytesStripped extends ValueMangling {
        TrailingZeroBytesStripped(Backend delegate) {
            super(delegate);
        }

        @Override
        Object stored(ColumnType type, Object value) {
            if (!(value instanceof byte[] bytes)) return value;
            int length = bytes.length;
            while (length > 0 && bytes[length - 1] == 0) length--;
            return Arrays.copyOf(bytes, length);
        }
    }

    /** Changes every text key value (in keys and in the key columns of inserted rows) by {@link #stored}. */
    abstract static class KeyMangling extends BrokenBackends.Delegating {
        KeyMangling(Backend delegate) {
            super(delegate);
        }

        /** The key the broken database compares. */
        abstract String stored(String key);

        final PrimaryKey mangled(PrimaryKey key) {
            Object[] values = key.values().toArray();
            for (int i = 0; i < values.length; i++) {
                if (values[i] instanceof String text) values[i] = stored(text);
            }
            return PrimaryKey.of(values);
        }

        final Row mangled(EntitySpec spec, Row row) {
            Row.Builder builder = row.toBuilder();
            for (String column : spec.keyColumns()) {
                if (row.get(column) instanceof String text) builder.set(column, stored(text));
            }
            return builder.build();
        }

        @Override
        public Optional<Row> find(EntitySpec spec, PrimaryKey key) {
            return delegate.find(spec, mangled(key));
        }

        @Override
        public WriteOutcome insertIfAbsent(EntitySpec spec, Row row) {
            return delegate.insertIfAbsent(spec, mangled(spec, row));
        }

        @Override
        public WriteOutcome update(EntitySpec spec, PrimaryKey key, List<Assignment> assignments, Condition condition) {
            return delegate.update(spec, mangled(key), assignments, condition);
        }

        @Override
        public WriteOutcome delete(EntitySpec spec, PrimaryKey key, Condition condition) {
            return delegate.delete(spec, mangled(key), condition);
        }

        @Override
        public List<Optional<Row>> findGroup(EntitySpec spec, List<PrimaryKey> keys) {
            return delegate.findGroup(spec, keys.stream().map(this::mangled).toList());
        }

        @Override
        public boolean applyGroup(EntitySpec spec, List<GroupStatement> statements) {
            List<GroupStatement> changed = new ArrayList<>(statements.size());
            for (GroupStatement statement : statements) {
                if (statement instanceof GroupStatement.Insert insert) {
                    changed.add(new GroupStatement.Insert(mangled(insert.key()), mangled(spec, insert.row())));
                } else if (statement instanceof GroupStatement.Set set) {
                    changed.add(new GroupStatement.Set(mangled(set.key()), set.values(), set.condition()));
                } else {
                    changed.add(new GroupStatement.Delete(mangled(statement.key()), ((GroupStatement.Delete) statement).condition()));
                }
            }
            return delegate.applyGroup(spec, changed);
        }
    }

    /** MySQL's default collation: text keys compared without case. */
    static final class CaseInsensitiveKeys extends KeyMangling {
        CaseInsensitiveKeys(Backend delegate) {
            super(delegate);
        }

        @Override
        String stored(String key) {
            return key.toLowerCase(Locale.ROOT);
        }
    }

    /** A {@code PAD SPACE} collation ({@code CHAR} keys, MySQL before 8): trailing spaces do not count. */
    static final class PaddedKeys extends KeyMangling {
        PaddedKeys(Backend delegate) {
            super(delegate);
        }

        @Override
        String stored(String key) {
            return key.stripTrailing();
        }
    }

    /** A store that normalises text keys to NFC: a decomposed key and its composed twin become one row. */
    static final class NormalizedKeys extends KeyMangling {
        NormalizedKeys(Backend delegate) {
            super(delegate);
        }

        @Override
        String stored(String key) {
            return Normalizer.normalize(key, Normalizer.Form.NFC);
        }
    }
}
