package dev.optilock.micrometer;

import dev.optilock.OperationEvent;
import dev.optilock.OperationEvent.Operation;
import dev.optilock.OperationEvent.Outcome;
import dev.optilock.StoreListener;
import dev.optilock.VersionedStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Micrometer meters for one {@link VersionedStore}, fed by a {@link StoreListener} on it:
 * <ul>
 *   <li>{@code optilock.writes} (counter): finished writes, tagged {@code entity}, {@code operation} ({@code insert},
 *       {@code update}, {@code delete}, {@code group}) and {@code outcome} ({@code applied}, {@code conflict},
 *       {@code not_found}, {@code unknown}, {@code error});</li>
 *   <li>{@code optilock.retries} (counter): attempts a retry policy started again, tagged {@code entity};</li>
 *   <li>{@code optilock.settled} (counter): writes whose outcome the backend could not report and the store settled,
 *       tagged {@code entity} and {@code operation} (each is also counted in {@code optilock.writes} by its settled
 *       outcome);</li>
 *   <li>{@code optilock.operations} (timer): the time of each finished operation, reads included, tagged
 *       {@code entity}, {@code operation} ({@code find} too) and {@code outcome}.</li>
 * </ul>
 * Tags never carry keys or values: their number is bounded by the tables, operations and outcomes. Usable without
 * Spring: {@code new OptilockMetrics(store).bindTo(registry)}; {@link #close} stops counting.
 */
public final class OptilockMetrics implements MeterBinder, AutoCloseable {
    private final VersionedStore store;
    private final List<AutoCloseable> subscriptions = new CopyOnWriteArrayList<>();

    public OptilockMetrics(VersionedStore store) {
        if (store == null) throw new IllegalArgumentException("store must not be null");
        this.store = store;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (registry == null) throw new IllegalArgumentException("registry must not be null");
        subscriptions.add(store.addListener(new Meters(registry)));
    }

    /** Stops counting in every registry this binder was bound to; the meters stay registered. */
    @Override
    public void close() {
        for (AutoCloseable subscription : subscriptions) {
            try {
                subscription.close();
            } catch (Exception e) {
                throw new IllegalStateException("removing the store listener failed: " + e.getMessage(), e);
            }
        }
        subscriptions.clear();
    }

    /** The meters of one registry, looked up once per combination of tags. */
    private static final class Meters implements StoreListener {
        private final MeterRegistry registry;
        private final Map<List<Object>, Counter> counters = new ConcurrentHashMap<>();
        private final Map<List<Object>, Timer> timers = new ConcurrentHashMap<>();

        Meters(MeterRegistry registry) {
            this.registry = registry;
        }

        @Override
        public void onOperation(OperationEvent event) {
            String entity = event.entityName();
            String operation = event.operation().name().toLowerCase(Locale.ROOT);
            switch (event.outcome()) {
                case RETRY -> counter("optilock.retries", "attempts a retry policy started again", entity, null, null).increment();
                case SETTLED -> counter("optilock.settled", "writes whose unknown outcome the store settled", entity, operation,
                        null).increment();
                default -> {
                    String outcome = outcome(event.outcome());
                    if (event.operation() != Operation.FIND) {
                        counter("optilock.writes", "finished writes by outcome", entity, operation, outcome).increment();
                    }
                    timers.computeIfAbsent(List.of(entity, operation, outcome), ignored -> Timer.builder("optilock.operations")
                            .description("time of finished operations").tag("entity", entity).tag("operation", operation)
                            .tag("outcome", outcome).register(registry)).record(event.elapsed());
                }
            }
        }

        private Counter counter(String name, String description, String entity, String operation, String outcome) {
            return counters.computeIfAbsent(java.util.Arrays.asList(name, entity, operation, outcome), ignored -> {
                Counter.Builder builder = Counter.builder(name).description(description).tag("entity", entity);
                if (operation != null) builder.tag("operation", operation);
                if (outcome != null) builder.tag("outcome", outcome);
                return builder.register(registry);
            });
        }

        private static String outcome(Outcome outcome) {
            return switch (outcome) {
                case APPLIED -> "applied";
                case CONFLICT -> "conflict";
                case NOT_FOUND -> "not_found";
                case UNKNOWN -> "unknown";
                default -> "error";
            };
        }
    }
}
