package dev.optilock.cql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.RequestThrottlingException;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.context.DriverContext;
import com.datastax.oss.driver.api.core.session.throttling.RequestThrottler;
import com.datastax.oss.driver.api.core.session.throttling.Throttled;
import dev.optilock.BackendUnavailableException;
import dev.optilock.ColumnType;
import dev.optilock.EntitySpec;
import dev.optilock.PrimaryKey;
import dev.optilock.Row;
import dev.optilock.StoreOptions;
import dev.optilock.VersionKind;
import dev.optilock.spi.PreparedSet;
import dev.optilock.spi.StoreParameters;
import dev.optilock.spi.WriteOutcome;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A write the driver refused before sending it was not written, so the backend sends it again (after a short pause,
 * within its budget), on both write paths: the prepared set, which waits on the caller's thread, and the general one on
 * the driver's stages. The driver refuses for real: a {@link RequestThrottler} of the session refuses as many requests
 * as the test says. A closed session refuses for good, and the write fails at once, as nothing written.
 */
class CqlNotSentRetryTest {
    private static final EntitySpec ITEMS = EntitySpec.builder("refused_items").partitionKey("id", ColumnType.BIGINT)
            .column("note", ColumnType.TEXT).version("version", VersionKind.LONG).build();
    private static final AtomicInteger TO_REFUSE = new AtomicInteger();
    private static final AtomicInteger REFUSED = new AtomicInteger();

    private static String keyspace;
    private static CqlSession session;
    private static CqlBackend backend;

    /** Refuses the next {@link #TO_REFUSE} requests, as a throttler at its limit does; lets every other one through. */
    public static final class RefusingThrottler implements RequestThrottler {
        public RefusingThrottler(DriverContext context) {
        }

        @Override
        public void register(Throttled request) {
            if (TO_REFUSE.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                REFUSED.incrementAndGet();
                request.onThrottleFailure(new RequestThrottlingException("refused by the test's throttler"));
            } else {
                request.onThrottleReady(false);
            }
        }

        @Override
        public void signalSuccess(Throttled request) {
        }

        @Override
        public void signalError(Throttled request, Throwable error) {
        }

        @Override
        public void signalTimeout(Throttled request) {
        }

        @Override
        public void close() {
        }
    }

    @BeforeAll
    static void open() {
        keyspace = TestCassandra.server().freshKeyspaceName("refused_");
        session = TestCassandra.newSession(builder -> builder.withConfigLoader(DriverConfigLoader.programmaticBuilder()
                .withClass(DefaultDriverOption.REQUEST_THROTTLER_CLASS, RefusingThrottler.class).build()));
        backend = backend(session);
        backend.createTable(ITEMS);
    }

    @AfterAll
    static void close() {
        session.close();
    }

    @BeforeEach
    void refuseNothing() {
        TO_REFUSE.set(0);
        REFUSED.set(0);
    }

    private static CqlBackend backend(CqlSession on) {
        StoreOptions options = StoreOptions.defaults();
        return new CqlBackend(on, false, CqlSettings.from(keyspace, StoreParameters.of(options, CqlSettings.OPTIONS), options));
    }

    private static void insert(long id) {
        Row row = Row.builder().set("id", id).set("note", "first").set("version", 1L).build();
        assertThat(backend.insertIfAbsent(ITEMS, row)).isInstanceOf(WriteOutcome.Applied.class);
    }

    @Test
    void should_send_a_prepared_set_the_driver_refused_again_until_it_applies() {
        insert(1);
        PreparedSet set = backend.prepareSet(ITEMS, List.of("note", "version"), List.of());
        assertThat(set.set(PrimaryKey.of(1L), new Object[] {"second", 2L}, 1L)).isSameAs(WriteOutcome.Applied.WITHOUT_ROW);

        TO_REFUSE.set(3);
        WriteOutcome outcome = set.set(PrimaryKey.of(1L), new Object[] {"third", 3L}, 2L);

        assertThat(outcome).isSameAs(WriteOutcome.Applied.WITHOUT_ROW);
        assertThat(REFUSED).hasValue(3);
        assertThat(backend.find(ITEMS, PrimaryKey.of(1L)).orElseThrow().getLong("version")).isEqualTo(3L);
    }

    @Test
    void should_send_an_insert_the_driver_refused_again_on_the_drivers_stages() {
        TO_REFUSE.set(2);

        insert(2);

        assertThat(REFUSED).hasValue(2);
        assertThat(backend.find(ITEMS, PrimaryKey.of(2L)).orElseThrow().getString("note")).isEqualTo("first");
    }

    @Test
    void should_fail_a_prepared_set_on_a_closed_session_at_once_as_not_written() {
        insert(3);
        CqlSession closing = TestCassandra.newSession(builder -> builder);
        PreparedSet set = backend(closing).prepareSet(ITEMS, List.of("note", "version"), List.of());
        assertThat(set.set(PrimaryKey.of(3L), new Object[] {"second", 2L}, 1L)).isSameAs(WriteOutcome.Applied.WITHOUT_ROW);
        closing.close();

        long started = System.nanoTime();
        assertThatThrownBy(() -> set.set(PrimaryKey.of(3L), new Object[] {"third", 3L}, 2L))
                .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("was not applied");

        assertThat(System.nanoTime() - started).as("no retry on a closed session").isLessThan(2_000_000_000L);
        assertThat(backend.find(ITEMS, PrimaryKey.of(3L)).orElseThrow().getLong("version")).isEqualTo(2L);
    }
}
