package dev.optilock.spring.boot.autoconfigure;

import dev.optilock.VersionedStore;
import dev.optilock.micrometer.OptilockMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code optilock.*} meters ({@link OptilockMetrics}) in the application's {@link MeterRegistry}, when it has one
 * (Spring Boot Actuator binds every {@code MeterBinder} bean to it).
 */
@AutoConfiguration(after = OptilockAutoConfiguration.class, afterName = {
        "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass({MeterRegistry.class, OptilockMetrics.class})
@ConditionalOnBean({MeterRegistry.class, VersionedStore.class})
public class OptilockMetricsAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public OptilockMetrics optilockMetrics(VersionedStore store) {
        return new OptilockMetrics(store);
    }
}
