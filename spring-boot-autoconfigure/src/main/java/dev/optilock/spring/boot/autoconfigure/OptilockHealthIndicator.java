package dev.optilock.spring.boot.autoconfigure;

import dev.optilock.Capabilities;
import dev.optilock.VersionedStore;
import java.time.Duration;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Health of the {@link VersionedStore} ({@code optilock}): up when {@link VersionedStore#ping()} answers, with the
 * backend's name, its capabilities and the ping's time as details; down with the failure otherwise. Details never
 * carry the URL or credentials.
 */
public class OptilockHealthIndicator extends AbstractHealthIndicator {
    private final VersionedStore store;

    public OptilockHealthIndicator(VersionedStore store) {
        super("Optilock store health check failed");
        this.store = store;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Capabilities capabilities = store.capabilities();
        builder.withDetail("backend", capabilities.backendName())
                .withDetail("capabilities", capabilities.features().stream().map(Enum::name).sorted().toList());
        Duration took = store.ping();
        builder.up().withDetail("pingMillis", took.toNanos() / 1_000_000.0);
    }
}
