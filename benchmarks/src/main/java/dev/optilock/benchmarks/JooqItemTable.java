package dev.optilock.benchmarks;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.TableOptions;
import org.jooq.UniqueKey;
import org.jooq.impl.DSL;
import org.jooq.impl.Internal;
import org.jooq.impl.SQLDataType;
import org.jooq.impl.TableImpl;

/**
 * {@code bench_item} ({@link SqlDatabase#ITEM_TABLE}), written the way jOOQ's code generator writes a table class (the benchmark does not run the
 * generator): a primary key and a record version field, which is what {@code UpdatableRecord.store()} needs for
 * optimistic locking without a prior {@code SELECT ... FOR UPDATE}.
 */
public final class JooqItemTable extends TableImpl<JooqItemRecord> {
    private static final long serialVersionUID = 1L;

    public static final JooqItemTable BENCH_JOOQ = new JooqItemTable();

    public final TableField<JooqItemRecord, Long> ID = createField(DSL.name("id"), SQLDataType.BIGINT.nullable(false), this, "");
    public final TableField<JooqItemRecord, String> PAYLOAD = createField(DSL.name("payload"), SQLDataType.CLOB, this, "");
    public final TableField<JooqItemRecord, Long> VERSION = createField(DSL.name("version"), SQLDataType.BIGINT.nullable(false), this, "");

    private transient UniqueKey<JooqItemRecord> primaryKey;

    private JooqItemTable() {
        this(DSL.name(SqlDatabase.ITEM_TABLE), null, null, null);
    }

    private JooqItemTable(Name alias, Table<JooqItemRecord> aliased, Field<?>[] parameters, Condition where) {
        super(alias, null, aliased, parameters, DSL.comment(""), TableOptions.table(), where);
    }

    @Override
    public Class<JooqItemRecord> getRecordType() {
        return JooqItemRecord.class;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public UniqueKey<JooqItemRecord> getPrimaryKey() {
        UniqueKey<JooqItemRecord> key = primaryKey;
        if (key == null) {
            key = Internal.createUniqueKey(this, DSL.name(SqlDatabase.ITEM_TABLE + "_pkey"), new TableField[] {ID}, true);
            primaryKey = key;
        }
        return key;
    }

    @Override
    public TableField<JooqItemRecord, Long> getRecordVersion() {
        return VERSION;
    }
}
