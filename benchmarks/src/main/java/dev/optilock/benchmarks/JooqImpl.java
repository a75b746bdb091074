package dev.optilock.benchmarks;

import static dev.optilock.benchmarks.JooqItemTable.BENCH_JOOQ;

import java.util.List;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * jOOQ's own optimistic locking, as its manual shows it: {@code Settings.withExecuteWithOptimisticLocking(true)},
 * an {@code UpdatableRecord} of a table with a record version field, {@code record.setPayload(...);
 * record.store();}. jOOQ adds {@code AND version = ?} to the UPDATE, increments the version in the record, and throws
 * {@code DataChangedException} when no row matched. Each worker keeps its fetched records, as an application keeps
 * the records it loaded. Other settings are jOOQ's defaults; connections come from the same pool
 * ({@code DataSourceConnectionProvider}: one borrow per statement).
 */
final class JooqImpl implements Impl {
    private final DSLContext dsl;

    JooqImpl(DataSource pool) {
        this.dsl = DSL.using(pool, SQLDialect.POSTGRES, new Settings().withExecuteWithOptimisticLocking(true));
    }

    @Override
    public String name() {
        return "jooq";
    }

    @Override
    public Worker worker(int thread, int rowsPerThread) {
        long first = (long) thread * rowsPerThread;
        List<JooqItemRecord> fetched = dsl.selectFrom(BENCH_JOOQ)
                .where(BENCH_JOOQ.ID.between(first, first + rowsPerThread - 1))
                .orderBy(BENCH_JOOQ.ID)
                .fetch();
        if (fetched.size() != rowsPerThread) throw new IllegalStateException(SqlDatabase.ITEM_TABLE + " lacks rows from " + first);
        JooqItemRecord[] records = fetched.toArray(new JooqItemRecord[0]);
        return new Worker() {
            private long sequence;

            @Override
            public void prepare() {
                for (JooqItemRecord record : records) record.refresh();
            }

            @Override
            public void update() {
                JooqItemRecord record = records[(int) (sequence % rowsPerThread)];
                record.setPayload(Payloads.get(sequence++));
                if (record.store() != 1) throw new IllegalStateException("jOOQ stored nothing for " + record.getId());
            }
        };
    }
}
