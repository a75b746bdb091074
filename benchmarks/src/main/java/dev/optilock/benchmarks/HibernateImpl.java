package dev.optilock.benchmarks;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.util.Map;
import javax.sql.DataSource;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

/**
 * Hibernate ORM through Jakarta Persistence, as a JPA user writes an update of a {@code @Version} entity: a new
 * {@code EntityManager}, begin, {@code find}, set the field, commit (Hibernate flushes
 * {@code UPDATE ... SET payload = ?, version = ? WHERE id = ? AND version = ?} and throws
 * {@code OptimisticLockException} when no row matched), close. Hibernate's defaults, on the same pool.
 */
final class HibernateImpl implements Impl {
    private final EntityManagerFactory factory;

    HibernateImpl(DataSource pool) {
        this.factory = new HibernatePersistenceConfiguration("optilock-benchmarks")
                .managedClass(HibernateItem.class)
                .properties(Map.of(
                        AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, pool,
                        AvailableSettings.HBM2DDL_AUTO, "none",
                        AvailableSettings.SHOW_SQL, "false"))
                .createEntityManagerFactory();
    }

    @Override
    public String name() {
        return "hibernate";
    }

    @Override
    public Worker worker(int thread, int rowsPerThread) {
        long first = (long) thread * rowsPerThread;
        return new Worker() {
            private long sequence;

            @Override
            public void update() {
                long id = first + sequence % rowsPerThread;
                EntityManager entityManager = factory.createEntityManager();
                EntityTransaction transaction = entityManager.getTransaction();
                try {
                    transaction.begin();
                    HibernateItem item = entityManager.find(HibernateItem.class, id);
                    item.setPayload(Payloads.get(sequence++));
                    transaction.commit();
                } catch (RuntimeException e) {
                    if (transaction.isActive()) transaction.rollback();
                    throw e;
                } finally {
                    entityManager.close();
                }
            }
        };
    }

    @Override
    public void close() {
        factory.close();
    }
}
