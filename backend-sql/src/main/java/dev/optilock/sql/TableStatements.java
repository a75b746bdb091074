package dev.optilock.sql;

import dev.optilock.ColumnDefinition;
import dev.optilock.ColumnType;
import dev.optilock.Condition;
import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.spi.Assignment;
import dev.optilock.spi.PreparedSet;
import dev.optilock.sql.WriteStyle.Write;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.QueryPart;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jooq.UpdateConditionStep;
import org.jooq.impl.DSL;

/**
 * The data statements of one table, rendered by jOOQ once per shape and cached: the text depends on the spec, the
 * kinds and columns of the assignments, and the structure of the condition, never on values. Every value is a bind
 * parameter. How a write reports the row it met is the dialect's {@link WriteStyle}; the table's DDL is
 * {@link TableDefinition}'s, reading result rows {@link RowReader}'s.
 *
 * <p>Each method that takes {@link Arguments} appends the call's values to them in a fixed order and returns the
 * statement for the call's shape. The same visiting code ({@code key}, {@code assignments}, {@code condition})
 * collects the values of a call and, when a shape is first seen, builds the jOOQ parts with parameters numbered by
 * those very values: one traversal for both, so that values and placeholders cannot disagree.
 */
final class TableStatements {
    private final EntitySpec spec;
    private final Dialect dialect;
    private final WriteStyle style;
    private final DSLContext dsl;
    private final Table<?> table;
    private final TableParts parts;
    private final List<Field<Object>> fields;
    private final Map<String, Integer> indexByName = new HashMap<>();
    private final ColumnType[] types;
    /** The index in the spec's columns of each key column, in key order. */
    private final int[] keyIndexes;
    private final RowReader rows;
    private final TableDefinition definition;
    private final PreparedSql find;
    private final Write insert;
    private final ShapeCache updates = new ShapeCache();
    private final ShapeCache deletes = new ShapeCache();
    /** {@code SELECT ... WHERE key1 OR key2 ...}, by the number of keys. */
    private final Map<Integer, PreparedSql> groupFinds = new ConcurrentHashMap<>();

    TableStatements(EntitySpec spec, String schema, Dialect dialect, WriteStyle style, DSLContext dsl) {
        this.spec = spec;
        this.dialect = dialect;
        this.style = style;
        this.dsl = dsl;
        Name tableName = schema == null ? DSL.name(spec.table()) : DSL.name(schema, spec.table());
        this.table = DSL.table(tableName);
        this.fields = new ArrayList<>();
        List<Field<Object>> writtenFields = new ArrayList<>();
        this.types = new ColumnType[spec.columns().size()];
        for (int i = 0; i < spec.columns().size(); i++) {
            ColumnDefinition column = spec.columns().get(i);
            Field<Object> field = typed(DSL.field(tableName.append(column.name()), JdbcValues.fieldType(column.type())));
            fields.add(field);
            indexByName.put(column.name(), i);
            writtenFields.add(typed(DSL.field(TableParts.WRITTEN.append(column.name()), JdbcValues.fieldType(column.type()))));
            types[i] = column.type();
        }
        this.keyIndexes = spec.keyColumns().stream().mapToInt(indexByName::get).toArray();
        this.parts = new TableParts(dsl, table, List.copyOf(fields), List.copyOf(writtenFields));
        this.rows = new RowReader(spec);
        this.definition = new TableDefinition(spec, dialect, dsl, table, parts.fields());
        this.find = renderFind();
        this.insert = renderInsert();
    }

    /** The entity this table stores. */
    EntitySpec spec() {
        return spec;
    }

    /** Reads this table's result rows. */
    RowReader rows() {
        return rows;
    }

    /** This table's DDL. */
    TableDefinition definition() {
        return definition;
    }

    // ---- per-call entry points ----

    /** {@code SELECT columns FROM table WHERE key}. */
    PreparedSql find(PrimaryKey key, Arguments arguments) {
        key(key, arguments, false);
        return find;
    }

    /** {@code SELECT columns FROM table WHERE key1 OR key2 ...}: the rows of {@code keys} in one statement, one snapshot. */
    PreparedSql findGroup(List<PrimaryKey> keys, Arguments arguments) {
        for (PrimaryKey key : keys) key(key, arguments, false);
        return groupFinds.computeIfAbsent(keys.size(), this::renderFindGroup);
    }

    /** Inserts {@code row} unless its key is taken. */
    Write insert(Row row, Arguments arguments) {
        for (int i = 0; i < types.length; i++) {
            arguments.add(row.asMap().get(spec.columns().get(i).name()), types[i]);
        }
        return insert;
    }

    /** Updates the row with {@code key} if {@code condition} holds; the statement returns the row after it. */
    Write update(PrimaryKey key, List<? extends Assignment> assignments, Condition condition, Arguments arguments) {
        return update(key, assignments, condition, arguments, false);
    }

    /**
     * As {@link #update}, for a call that needs no row back (it knows the row after the write, or needs none): the
     * statement returns no row. Only for a style that {@link WriteStyle#sendsUnreportedUpdates()}.
     */
    Write unreportedUpdate(PrimaryKey key, List<? extends Assignment> assignments, Condition condition, Arguments arguments) {
        return update(key, assignments, condition, arguments, true);
    }

    private Write update(PrimaryKey key, List<? extends Assignment> assignments, Condition condition, Arguments arguments, boolean known) {
        arguments.shape(known ? 'K' : 'U');
        assignments(assignments, arguments, null);
        key(key, arguments, false);
        condition(condition, arguments, false);
        Write kept = updates.find(arguments);
        return kept != null ? kept : updates.keep(arguments, renderUpdate(key, assignments, condition, known));
    }

    /**
     * The statement and binding of a {@link PreparedSet} of {@code columns} guarded by the version and
     * {@code nullColumns}: the statement {@link #unreportedUpdate} sends for the call the prepared set stands for
     * ({@link PreparedSet#values}, {@link PreparedSet#condition}), found once with a
     * marker in place of each value, so that the prepared set binds each value where that call binds it.
     */
    PreparedShape prepareSet(List<String> columns, List<String> nullColumns) {
        Object[] values = markers(columns.size());
        Object[] key = markers(keyIndexes.length);
        Object expected = new Object();
        Arguments arguments = new Arguments();
        Write write = unreportedUpdate(PrimaryKey.of(key), PreparedSet.values(columns, values),
                PreparedSet.condition(spec, expected, nullColumns), arguments);
        int[] sources = new int[arguments.size()];
        ColumnType[] argumentTypes = new ColumnType[arguments.size()];
        for (int i = 0; i < sources.length; i++) {
            sources[i] = PreparedShape.source(arguments.value(i), values, key, expected);
            argumentTypes[i] = arguments.type(i);
        }
        return new PreparedShape(write, columns.size(), sources, argumentTypes);
    }

    private static Object[] markers(int count) {
        Object[] markers = new Object[count];
        for (int i = 0; i < count; i++) markers[i] = new Object();
        return markers;
    }

    /** Deletes the row with {@code key} if {@code condition} holds. */
    Write delete(PrimaryKey key, Condition condition, Arguments arguments) {
        arguments.shape('D');
        key(key, arguments, false);
        condition(condition, arguments, false);
        Write kept = deletes.find(arguments);
        return kept != null ? kept : deletes.keep(arguments, renderDelete(key, condition));
    }

    // ---- rendering (once per shape) ----

    private PreparedSql renderFind() {
        org.jooq.Condition key = key(null, new Arguments(), true);
        return render(dsl.select(fields).from(table).where(key));
    }

    private PreparedSql renderFindGroup(int size) {
        Arguments numbering = new Arguments();
        org.jooq.Condition any = DSL.falseCondition();
        for (int i = 0; i < size; i++) any = any.or(key(null, numbering, true));
        return render(dsl.select(fields).from(table).where(any));
    }

    private Write renderInsert() {
        List<Field<Object>> values = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            values.add(param(i, types[i]));
        }
        org.jooq.Condition key = DSL.noCondition();
        List<Field<Object>> keyFields = new ArrayList<>();
        for (String name : spec.keyColumns()) {
            int index = spec.columns().indexOf(spec.requireColumn(name));
            key = key.and(fields.get(index).eq(param(index, types[index])));
            keyFields.add(fields.get(index));
        }
        return style.insert(parts, dsl.insertInto(table).columns(fields).values(values), key, keyFields);
    }

    private Write renderUpdate(PrimaryKey key, List<? extends Assignment> assignments, Condition condition, boolean known) {
        Arguments numbering = new Arguments();
        Map<Field<?>, Object> sets = new LinkedHashMap<>();
        assignments(assignments, numbering, sets);
        org.jooq.Condition keyCondition = key(key, numbering, true);
        org.jooq.Condition guard = condition(condition, numbering, true);
        UpdateConditionStep<?> update = dsl.update(table).set(sets).where(keyCondition.and(guard));
        if (known) return style.unreported(parts, update, keyCondition, guard);
        return style.conditional(parts, update.returningResult(fields), keyCondition, guard);
    }

    private Write renderDelete(PrimaryKey key, Condition condition) {
        Arguments numbering = new Arguments();
        org.jooq.Condition keyCondition = key(key, numbering, true);
        org.jooq.Condition guard = condition(condition, numbering, true);
        ResultQuery<?> deleted = dsl.deleteFrom(table).where(keyCondition.and(guard)).returningResult(fields);
        return style.conditional(parts, deleted, keyCondition, guard);
    }

    private PreparedSql render(QueryPart query) {
        return parts.render(query);
    }

    // ---- visiting: values in a fixed order, shape, and (when rendering) the jOOQ parts ----

    /** The key condition; {@code key} may be null when only rendering. */
    private org.jooq.Condition key(PrimaryKey key, Arguments arguments, boolean render) {
        org.jooq.Condition condition = DSL.noCondition();
        for (int i = 0; i < keyIndexes.length; i++) {
            int column = keyIndexes[i];
            ColumnType type = types[column];
            int index = arguments.add(key == null ? null : key.get(i), type);
            if (render) condition = condition.and(fields.get(column).eq(param(index, type)));
        }
        return condition;
    }

    private void assignments(List<? extends Assignment> assignments, Arguments arguments, Map<Field<?>, Object> sets) {
        for (int i = 0; i < assignments.size(); i++) {
            Assignment assignment = assignments.get(i);
            int column = indexOf(assignment.column());
            ColumnType type = types[column];
            Field<Object> field = sets == null ? null : fields.get(column);
            if (assignment instanceof Assignment.SetValue set) {
                int index = arguments.add(set.value(), type);
                arguments.shape('S').column(column);
                if (sets != null) sets.put(field, param(index, type));
            } else if (assignment instanceof Assignment.Increment increment) {
                int index = arguments.add(increment.delta(), type);
                arguments.shape('I').column(column);
                if (sets != null) sets.put(field, DSL.coalesce(field, DSL.inline(0)).plus(numeric(param(index, type))));
            } else if (assignment instanceof Assignment.NextVersion next) {
                switch (next.kind()) {
                    case LONG -> {
                        arguments.shape('L').column(column);
                        if (sets != null) sets.put(field, field.plus(DSL.inline(1L)));
                    }
                    case UUID -> {
                        int index = arguments.add(next.candidate(), type);
                        arguments.shape('V').column(column);
                        if (sets != null) sets.put(field, param(index, type));
                    }
                    case TIMESTAMP -> {
                        int index = arguments.add(next.candidate(), type);
                        arguments.shape('T').column(column);
                        if (sets != null) sets.put(field, DSL.greatest(param(index, type), dialect.plusOneMillisecond(field)));
                    }
                }
            } else {
                throw new IllegalArgumentException("unsupported assignment " + assignment);
            }
        }
    }

    private org.jooq.Condition condition(Condition condition, Arguments arguments, boolean render) {
        if (condition instanceof Condition.All all) {
            arguments.shape('(');
            List<Condition> given = all.conditions();
            List<org.jooq.Condition> parts = render ? new ArrayList<>(given.size()) : null;
            for (int i = 0; i < given.size(); i++) {
                org.jooq.Condition part = condition(given.get(i), arguments, render);
                if (render) parts.add(part);
            }
            arguments.shape(')');
            if (!render) return null;
            return parts.isEmpty() ? DSL.noCondition() : DSL.and(parts);
        }
        if (condition instanceof Condition.Comparison comparison) {
            int column = indexOf(comparison.column());
            ColumnType type = types[column];
            int index = arguments.add(comparison.value(), type);
            arguments.shape((char) ('a' + comparison.operator().ordinal())).column(column);
            if (!render) return null;
            Field<Object> field = fields.get(column);
            Field<Object> value = param(index, type);
            return switch (comparison.operator()) {
                case EQUAL -> field.eq(value);
                case NOT_EQUAL -> field.isDistinctFrom(value);
                case LESS_THAN -> field.lt(value);
                case LESS_THAN_OR_EQUAL -> field.le(value);
                case GREATER_THAN -> field.gt(value);
                case GREATER_THAN_OR_EQUAL -> field.ge(value);
            };
        }
        if (condition instanceof Condition.In in) {
            int column = indexOf(in.column());
            ColumnType type = types[column];
            List<Field<Object>> values = render ? new ArrayList<>(in.values().size()) : null;
            for (Object value : in.values()) {
                int index = arguments.add(value, type);
                if (render) values.add(param(index, type));
            }
            arguments.shape('N').column(column).shape(in.values().size()).shape(',');
            return render ? fields.get(column).in(values) : null;
        }
        if (condition instanceof Condition.IsNull isNull) {
            int column = indexOf(isNull.column());
            arguments.shape('0').column(column);
            return render ? fields.get(column).isNull() : null;
        }
        if (condition instanceof Condition.IsNotNull isNotNull) {
            int column = indexOf(isNotNull.column());
            arguments.shape('1').column(column);
            return render ? fields.get(column).isNotNull() : null;
        }
        throw new IllegalArgumentException("unsupported condition " + condition);
    }

    /** The index of a column of the spec; for an unknown column, the spec's usual error. */
    private int indexOf(String name) {
        Integer index = indexByName.get(name);
        if (index == null) spec.requireColumn(name); // throws
        return index;
    }

    @SuppressWarnings("unchecked")
    private Field<Object> param(int index, ColumnType type) {
        return (Field<Object>) DSL.param("s" + index, dialect.bindType(type));
    }

    @SuppressWarnings("unchecked")
    private static Field<Object> typed(Field<?> field) {
        return (Field<Object>) field;
    }

    @SuppressWarnings("unchecked")
    private static Field<Number> numeric(Field<?> field) {
        return (Field<Number>) field;
    }
}
