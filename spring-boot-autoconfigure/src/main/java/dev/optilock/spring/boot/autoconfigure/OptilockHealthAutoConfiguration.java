package dev.optilock.spring.boot.autoconfigure;

import dev.optilock.VersionedStore;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The {@code optilock} health indicator ({@link OptilockHealthIndicator}) with Actuator; off with {@code management.health.optilock.enabled=false}. */
@AutoConfiguration(after = OptilockAutoConfiguration.class, afterName =
        "org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration")
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(VersionedStore.class)
@ConditionalOnEnabledHealthIndicator("optilock")
public class OptilockHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "optilockHealthIndicator")
    public OptilockHealthIndicator optilockHealthIndicator(VersionedStore store) {
        return new OptilockHealthIndicator(store);
    }
}
