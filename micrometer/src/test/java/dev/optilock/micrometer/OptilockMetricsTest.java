package dev.optilock.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.optilock.Changes;
import dev.optilock.EntityNotFoundException;
import dev.optilock.GroupWrite;
import dev.optilock.OptimisticLockException;
import dev.optilock.RetryPolicy;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedStore;
import dev.optilock.VersionedStores;
import dev.optilock.mapping.Key;
import dev.optilock.mapping.Table;
import dev.optilock.mapping.Version;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The meters against a real database (embedded H2): every outcome counted once, with bounded tags. */
class OptilockMetricsTest {

    @Table("metered_accounts")
    public record Account(@Key String id, long balance, @Version long version) {
    }

    @Test
    void should_count_writes_by_outcome_retries_and_time_operations() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (VersionedStore store = VersionedStores.open("jdbc:h2:mem:metrics" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
             OptilockMetrics metrics = new OptilockMetrics(store)) {
            metrics.bindTo(registry);
            store.createTable(Account.class);
            VersionedRepository<Account, String> accounts = store.repository(Account.class, String.class);
            accounts.insert(new Account("a", 10, 0));
            accounts.updateWithVersion("a", 1L, Changes.of("balance", 20L));
            assertThat(catchThrowable(() -> accounts.updateWithVersion("a", 1L, Changes.of("balance", 30L))))
                    .isInstanceOf(OptimisticLockException.class);
            assertThat(catchThrowable(() -> accounts.updateWithVersion("ghost", 1L, Changes.of("balance", 30L))))
                    .isInstanceOf(EntityNotFoundException.class);
            AtomicBoolean raced = new AtomicBoolean();
            accounts.modify("a", account -> {
                // Another writer wins the first attempt: one conflict, one retry.
                if (raced.compareAndSet(false, true)) accounts.updateWithVersion("a", account.version(), Changes.of("balance", 25L));
                return Changes.of("balance", account.balance() + 1);
            }, RetryPolicy.DEFAULT);
            accounts.find("a");

            assertThat(count(registry, "optilock.writes", "insert", "applied")).isEqualTo(1.0);
            assertThat(count(registry, "optilock.writes", "update", "applied")).as("update, the racing write, modify").isEqualTo(3.0);
            assertThat(count(registry, "optilock.writes", "update", "conflict")).as("the stale write, modify's first attempt")
                    .isEqualTo(2.0);
            assertThat(count(registry, "optilock.writes", "update", "not_found")).isEqualTo(1.0);
            assertThat(registry.get("optilock.retries").tag("entity", "metered_accounts").counter().count()).isEqualTo(1.0);
            assertThat(registry.get("optilock.operations").tag("operation", "find").timers())
                    .as("reads are timed, not counted as writes").isNotEmpty();
            assertThat(registry.find("optilock.writes").tag("operation", "find").counters()).isEmpty();

            metrics.close();
            accounts.applyAtomically(List.of(GroupWrite.insert(new Account("b", 1, 0))));
            assertThat(registry.find("optilock.writes").tag("operation", "group").counters()).as("closed: no longer counting")
                    .isEmpty();
        }
        for (Meter meter : registry.getMeters()) {
            assertThat(meter.getId().getTags()).as("tags of " + meter.getId())
                    .allSatisfy(tag -> assertThat(tag.getKey()).isIn("entity", "operation", "outcome"));
        }
    }

    @Test
    void should_count_groups() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (VersionedStore store = VersionedStores.open("jdbc:h2:mem:metrics" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
             OptilockMetrics metrics = new OptilockMetrics(store)) {
            metrics.bindTo(registry);
            store.createTable(Account.class);
            VersionedRepository<Account, String> accounts = store.repository(Account.class, String.class);
            accounts.applyAtomically(List.of(GroupWrite.insert(new Account("a", 1, 0))));
            accounts.applyAtomically(List.of(GroupWrite.updateWithVersion("a", 7L, Changes.of("balance", 2L))));
            assertThat(count(registry, "optilock.writes", "group", "applied")).isEqualTo(1.0);
            assertThat(count(registry, "optilock.writes", "group", "conflict")).isEqualTo(1.0);
        }
    }

    private static double count(SimpleMeterRegistry registry, String name, String operation, String outcome) {
        return registry.get(name).tag("entity", "metered_accounts").tag("operation", operation).tag("outcome", outcome)
                .counter().count();
    }
}
