package dev.optilock.cql;

import dev.optilock.ColumnDefinition;
import dev.optilock.Condition;
import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import dev.optilock.spi.semantics.Conditions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The CQL text of every statement the backend sends. Identifiers are validated by {@link EntitySpec} and
 * quoted anyway; every value is a bind marker, so the text depends only on the statement's shape and can be
 * prepared once.
 */
final class CqlStatements {
    private final String keyspace;
    /** Per table, the quoted pieces every statement text is made of, so that a write renders its text in one builder. */
    private final Map<EntitySpec, Quoted> quoted = new ConcurrentHashMap<>();

    CqlStatements(String keyspace) {
        this.keyspace = keyspace;
    }

    /**
     * A table's quoted name, its columns' quoted names and indexes, its {@code key = ? AND ...} clause, and the texts
     * of its updates by shape ({@link #update}), so that a write of a shape met before renders no text (and the
     * driver's lookup of the prepared statement hashes a string whose hash it knows).
     */
    private record Quoted(String table, Map<String, String> columns, Map<String, Integer> indexes, String keyClause,
            Map<String, String> updates) {
        static Quoted of(String keyspace, EntitySpec spec) {
            Map<String, String> columns = new HashMap<>();
            Map<String, Integer> indexes = new HashMap<>();
            for (ColumnDefinition column : spec.columns()) {
                columns.put(column.name(), quote(column.name()));
                indexes.put(column.name(), indexes.size());
            }
            String keyClause = spec.keyColumns().stream().map(column -> columns.get(column) + " = ?").collect(Collectors.joining(" AND "));
            return new Quoted(quote(keyspace) + "." + quote(spec.table()), Map.copyOf(columns), Map.copyOf(indexes), keyClause,
                    new ConcurrentHashMap<>());
        }

        String column(String name) {
            String quotedName = columns.get(name);
            return quotedName != null ? quotedName : quote(name);
        }

        /** Appends a column to a shape: one character past ASCII for a column of the spec, else its name between marks. */
        void shape(StringBuilder shape, String name) {
            Integer index = indexes.get(name);
            if (index != null && index < 0x80) {
                shape.append((char) (0x80 + index));
            } else {
                shape.append('#').append(name).append(';');
            }
        }
    }

    /** The most update texts kept per table; past it, texts are rendered per call. */
    private static final int MAX_UPDATE_SHAPES = 512;

    private Quoted quoted(EntitySpec spec) {
        Quoted pieces = quoted.get(spec);
        return pieces != null ? pieces : quoted.computeIfAbsent(spec, ignored -> Quoted.of(keyspace, spec));
    }

    /** A statement's text and the values of its bind markers, in order (Optilock types, null allowed). */
    record Cql(String text, List<Object> values) {
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    String table(EntitySpec spec) {
        return quoted(spec).table();
    }

    /** {@code SELECT every column FROM table WHERE key}. */
    Cql select(EntitySpec spec, PrimaryKey key) {
        String columns = spec.columns().stream().map(column -> quote(column.name())).collect(Collectors.joining(", "));
        return new Cql("SELECT " + columns + " FROM " + table(spec) + " WHERE " + keyClause(spec), new ArrayList<>(key.values()));
    }

    /**
     * {@code SELECT every column FROM table WHERE partition = ? AND clustering IN (...)}: the rows of {@code keys}, all
     * of one partition, in one read ({@code (c1, c2) IN ((?, ?), ...)} for several clustering columns). A table without
     * clustering columns has one row per partition: its group is one key, read as {@link #select} reads it.
     */
    Cql selectGroup(EntitySpec spec, List<PrimaryKey> keys) {
        List<String> clustering = spec.clusteringKey();
        if (clustering.isEmpty()) return select(spec, keys.get(0));
        int partitionColumns = spec.partitionKey().size();
        String columns = spec.columns().stream().map(column -> quote(column.name())).collect(Collectors.joining(", "));
        List<Object> values = new ArrayList<>(keys.get(0).values().subList(0, partitionColumns));
        String partition = spec.partitionKey().stream().map(column -> quote(column) + " = ?").collect(Collectors.joining(" AND "));
        String tuple = clustering.size() == 1 ? "?" : "(" + String.join(", ", java.util.Collections.nCopies(clustering.size(), "?")) + ")";
        String names = clustering.size() == 1 ? quote(clustering.get(0))
                : "(" + clustering.stream().map(CqlStatements::quote).collect(Collectors.joining(", ")) + ")";
        for (PrimaryKey key : keys) values.addAll(key.values().subList(partitionColumns, key.size()));
        String markers = String.join(", ", java.util.Collections.nCopies(keys.size(), tuple));
        return new Cql("SELECT " + columns + " FROM " + table(spec) + " WHERE " + partition + " AND " + names + " IN (" + markers
                + ")", values);
    }

    /** {@code INSERT INTO table (every column) VALUES (...) IF NOT EXISTS}. */
    Cql insert(EntitySpec spec, Map<String, Object> row) {
        List<Object> values = new ArrayList<>();
        StringBuilder names = new StringBuilder();
        StringBuilder markers = new StringBuilder();
        for (ColumnDefinition column : spec.columns()) {
            if (!names.isEmpty()) {
                names.append(", ");
                markers.append(", ");
            }
            names.append(quote(column.name()));
            markers.append('?');
            values.add(row.get(column.name()));
        }
        return new Cql("INSERT INTO " + table(spec) + " (" + names + ") VALUES (" + markers + ") IF NOT EXISTS", values);
    }

    /** {@code UPDATE table SET column = ?, ... WHERE key IF conditions} (or {@code IF EXISTS} when there are none). */
    Cql update(EntitySpec spec, PrimaryKey key, Map<String, Object> sets, List<IfPart> conditions) {
        Quoted pieces = quoted(spec);
        List<Object> values = new ArrayList<>(sets.size() + key.size() + conditions.size());
        StringBuilder shape = new StringBuilder(32);
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            pieces.shape(shape.append('S'), set.getKey());
            values.add(set.getValue());
        }
        values.addAll(key.values());
        for (IfPart part : conditions) {
            if (part instanceof IfPart.Compare compare) {
                shape.append((char) ('a' + compare.operator().ordinal()));
                values.add(compare.value());
            } else if (part instanceof IfPart.InList in) {
                shape.append('I');
                values.add(in.values());
            } else {
                shape.append(((IfPart.NullTest) part).isNull() ? 'N' : 'n');
            }
            pieces.shape(shape, part.column());
        }
        String known = shape.toString();
        String text = pieces.updates().get(known);
        if (text == null) {
            text = renderUpdate(pieces, sets.keySet(), conditions);
            if (pieces.updates().size() < MAX_UPDATE_SHAPES) pieces.updates().putIfAbsent(known, text);
        }
        return new Cql(text, values);
    }

    /**
     * The text of a prepared set ({@link dev.optilock.spi.PreparedSet}): {@code UPDATE table SET column = ?, ... WHERE key
     * IF version = ? AND guard = null AND ...}. Its bind markers take the set values, the key values and the expected
     * version, in that order.
     */
    String preparedSet(EntitySpec spec, List<String> columns, List<String> nullColumns) {
        List<IfPart> conditions = new ArrayList<>(1 + nullColumns.size());
        conditions.add(new IfPart.Compare(spec.versionColumn(), Condition.Operator.EQUAL, null));
        for (String column : nullColumns) conditions.add(new IfPart.NullTest(column, true));
        return renderUpdate(quoted(spec), columns, conditions);
    }

    /** The text of an update of {@code columns} under {@code conditions}, as {@link #update} binds its values. */
    private static String renderUpdate(Quoted pieces, Iterable<String> columns, List<IfPart> conditions) {
        StringBuilder text = new StringBuilder(256).append("UPDATE ").append(pieces.table()).append(" SET ");
        boolean first = true;
        for (String column : columns) {
            if (!first) text.append(", ");
            first = false;
            text.append(pieces.column(column)).append(" = ?");
        }
        text.append(" WHERE ").append(pieces.keyClause());
        appendIf(text, pieces, conditions, new ArrayList<>());
        return text.toString();
    }

    /** {@code DELETE FROM table WHERE key IF conditions} (or {@code IF EXISTS} when there are none). */
    Cql delete(EntitySpec spec, PrimaryKey key, List<IfPart> conditions) {
        Quoted pieces = quoted(spec);
        List<Object> values = new ArrayList<>(key.values());
        StringBuilder text = new StringBuilder(192).append("DELETE FROM ").append(pieces.table()).append(" WHERE ")
                .append(pieces.keyClause());
        appendIf(text, pieces, conditions, values);
        return new Cql(text.toString(), values);
    }

    /** {@code CREATE KEYSPACE IF NOT EXISTS keyspace WITH replication = ...}. */
    String createKeyspace(String replication) {
        return "CREATE KEYSPACE IF NOT EXISTS " + quote(keyspace) + " WITH replication = " + replication;
    }

    /** {@code CREATE TABLE IF NOT EXISTS table (..., PRIMARY KEY ((partition columns), clustering columns))}. */
    String createTable(EntitySpec spec) {
        StringBuilder text = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(table(spec)).append(" (");
        for (ColumnDefinition column : spec.columns()) {
            text.append(quote(column.name())).append(' ').append(CqlValues.cqlType(column.type())).append(", ");
        }
        text.append("PRIMARY KEY ((");
        text.append(spec.partitionKey().stream().map(CqlStatements::quote).collect(Collectors.joining(", "))).append(')');
        for (String clustering : spec.clusteringKey()) {
            text.append(", ").append(quote(clustering));
        }
        return text.append("))").toString();
    }

    private String keyClause(EntitySpec spec) {
        return quoted(spec).keyClause();
    }

    /** Appends {@code IF part AND ...} (or {@code IF EXISTS} when there are none), adding the parts' values. */
    private static void appendIf(StringBuilder text, Quoted pieces, List<IfPart> conditions, List<Object> values) {
        if (conditions.isEmpty()) {
            text.append(" IF EXISTS");
            return;
        }
        text.append(" IF ");
        boolean first = true;
        for (IfPart part : conditions) {
            if (!first) text.append(" AND ");
            first = false;
            appendPart(text, pieces.column(part.column()), part, values);
        }
    }

    /**
     * One part of an {@code IF} clause: {@code column OP ?}, {@code column IN ?}, {@code column = null} or
     * {@code column != null}. Cassandra's IF semantics match the reference: a comparison with a null column is
     * false except {@code !=}, which is true. A {@code "column" = ?} part bound to null tests for null.
     */
    sealed interface IfPart {
        String column();

        /** {@code column OP ?}; {@code value} may be null only for {@code =}. */
        record Compare(String column, Condition.Operator operator, Object value) implements IfPart {
        }

        /** {@code column IN ?}. */
        record InList(String column, List<Object> values) implements IfPart {
        }

        /** {@code column = null} or {@code column != null}. */
        record NullTest(String column, boolean isNull) implements IfPart {
        }
    }

    /**
     * The {@code IF} parts of a condition on the row with {@code key}, nested conjunctions flattened; empty for a
     * condition that always holds. CQL allows no {@code IF} on key columns, so conditions on them are evaluated here
     * on the key itself.
     *
     * @return the parts on non-key columns, or null if a condition on a key column is false
     */
    static List<IfPart> ifParts(EntitySpec spec, PrimaryKey key, Condition condition) {
        List<IfPart> parts = new ArrayList<>();
        return collect(spec, key, condition, parts) ? parts : null;
    }

    /**
     * The condition's parts plus {@code version != null} unless a part already requires the version to be set.
     * Cassandra evaluates {@code IF} on a missing row as on a row of nulls ({@code IF n = null} applies and creates
     * the row!), so the guard makes every conditional write require the row to exist; and it makes every response
     * to a rejected write carry the actual version. An empty list stays empty: the statement then uses {@code IF EXISTS}.
     */
    static List<IfPart> guarded(EntitySpec spec, List<IfPart> parts) {
        if (parts.isEmpty()) return parts;
        for (IfPart part : parts) {
            if (part.column().equals(spec.versionColumn()) && requiresValue(part)) return parts;
        }
        List<IfPart> guarded = new ArrayList<>(parts);
        guarded.add(new IfPart.NullTest(spec.versionColumn(), false));
        return guarded;
    }

    private static boolean requiresValue(IfPart part) {
        if (part instanceof IfPart.Compare compare) return compare.operator() != Condition.Operator.NOT_EQUAL && compare.value() != null;
        if (part instanceof IfPart.InList) return true;
        return part instanceof IfPart.NullTest test && !test.isNull();
    }

    private static boolean collect(EntitySpec spec, PrimaryKey key, Condition condition, List<IfPart> parts) {
        if (condition instanceof Condition.All all) {
            for (Condition part : all.conditions()) {
                if (!collect(spec, key, part, parts)) return false;
            }
            return true;
        }
        String column = column(condition);
        if (spec.isKey(column)) return Conditions.test(condition, CqlValues.keyRow(spec, key));
        if (condition instanceof Condition.Comparison comparison) {
            parts.add(new IfPart.Compare(column, comparison.operator(), comparison.value()));
        } else if (condition instanceof Condition.In in) {
            parts.add(new IfPart.InList(column, in.values()));
        } else {
            parts.add(new IfPart.NullTest(column, condition instanceof Condition.IsNull));
        }
        return true;
    }

    private static String column(Condition leaf) {
        if (leaf instanceof Condition.Comparison comparison) return comparison.column();
        if (leaf instanceof Condition.In in) return in.column();
        if (leaf instanceof Condition.IsNull isNull) return isNull.column();
        if (leaf instanceof Condition.IsNotNull isNotNull) return isNotNull.column();
        throw new IllegalArgumentException("unsupported condition " + leaf);
    }

    private static void appendPart(StringBuilder text, String column, IfPart part, List<Object> values) {
        text.append(column);
        if (part instanceof IfPart.Compare compare) {
            values.add(compare.value());
            text.append(' ').append(compare.operator().symbol()).append(" ?");
        } else if (part instanceof IfPart.InList in) {
            values.add(in.values());
            text.append(" IN ?");
        } else {
            text.append(((IfPart.NullTest) part).isNull() ? " = null" : " != null");
        }
    }
}
