package dev.optilock.benchmarks;

import org.jooq.Record1;
import org.jooq.impl.UpdatableRecordImpl;

/** The updatable record of {@link JooqItemTable}, as jOOQ's code generator writes one. */
public final class JooqItemRecord extends UpdatableRecordImpl<JooqItemRecord> {
    private static final long serialVersionUID = 1L;

    public JooqItemRecord() {
        super(JooqItemTable.BENCH_JOOQ);
    }

    public Long getId() {
        return (Long) get(0);
    }

    public String getPayload() {
        return (String) get(1);
    }

    public void setPayload(String value) {
        set(1, value);
    }

    public Long getVersion() {
        return (Long) get(2);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Record1<Long> key() {
        return (Record1<Long>) super.key();
    }
}
