package dev.optilock.spring.boot.autoconfigure;

import dev.optilock.RetryPolicy;
import dev.optilock.VersionedStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Optilock's auto-configuration: a {@link VersionedStore} bean (see {@link OptilockProperties} for where it comes
 * from) and a {@link RetryPolicy} bean from {@code optilock.retry.*}, each only when the application defines none.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.autoconfigure.cassandra.CassandraAutoConfiguration"})
@ConditionalOnClass(VersionedStore.class)
@EnableConfigurationProperties(OptilockProperties.class)
@Import({StoreConfigurations.FromUrl.class, StoreConfigurations.FromDataSource.class, StoreConfigurations.FromCqlSession.class,
        StoreConfigurations.NoDatabase.class})
public class OptilockAutoConfiguration {

    /** The policy to pass to {@code modify}; {@code optilock.retry.*}, whose defaults are {@link RetryPolicy#DEFAULT}'s. */
    @Bean
    @ConditionalOnMissingBean
    public RetryPolicy optilockRetryPolicy(OptilockProperties properties) {
        OptilockProperties.Retry retry = properties.getRetry();
        return new RetryPolicy(retry.getAttempts(), retry.getInitialBackoff(), retry.getMultiplier(), retry.getMaxBackoff(),
                retry.getJitter());
    }
}
