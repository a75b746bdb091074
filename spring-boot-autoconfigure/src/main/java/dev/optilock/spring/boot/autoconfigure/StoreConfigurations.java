package dev.optilock.spring.boot.autoconfigure;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.optilock.StoreOptions;
import dev.optilock.VersionedStore;
import dev.optilock.VersionedStores;
import dev.optilock.cql.CqlStores;
import dev.optilock.sql.SqlFlavor;
import dev.optilock.sql.SqlStores;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * Where the {@link VersionedStore} bean comes from, tried in the order {@link OptilockAutoConfiguration} imports them:
 * a store URL, the application's {@code DataSource}, the application's {@code CqlSession}; otherwise startup fails
 * with {@link NoStoreConfiguredException}.
 */
final class StoreConfigurations {
    private StoreConfigurations() {
    }

    /** {@code optilock.url}: Optilock opens the store, and its pool, and closes them with the context. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "optilock", name = "url")
    static class FromUrl {
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        VersionedStore versionedStore(OptilockProperties properties) {
            StoreOptions.Builder options = options(properties);
            if (properties.getUsername() != null) options.username(properties.getUsername());
            if (properties.getPassword() != null) options.password(properties.getPassword());
            if (properties.getPoolSize() != null) options.poolSize(properties.getPoolSize());
            return VersionedStores.open(properties.getUrl(), options.build());
        }
    }

    /**
     * The application's {@code DataSource}, through a {@link TransactionAwareDataSourceProxy}: inside a Spring-managed
     * transaction ({@code @Transactional}, {@code TransactionTemplate}) the store writes on the transaction's connection
     * and never commits, rolls back or ends it; outside one, each write commits by itself. Closing the store (with the
     * context) leaves the data source to its owner.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({SqlStores.class, DataSource.class, TransactionAwareDataSourceProxy.class})
    @ConditionalOnSingleCandidate(DataSource.class)
    static class FromDataSource {
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        VersionedStore versionedStore(DataSource dataSource, OptilockProperties properties) {
            DataSource joining = dataSource instanceof TransactionAwareDataSourceProxy ? dataSource
                    : new TransactionAwareDataSourceProxy(dataSource);
            return SqlStores.fromDataSource(joining, flavorOf(dataSource), options(properties).build());
        }

        private static SqlFlavor flavorOf(DataSource dataSource) {
            String product;
            try (Connection connection = dataSource.getConnection()) {
                product = connection.getMetaData().getDatabaseProductName();
            } catch (SQLException e) {
                throw new IllegalStateException("Optilock cannot tell which database the application's DataSource is"
                        + " connected to: " + e.getMessage(), e);
            }
            String name = product == null ? "" : product.toLowerCase(Locale.ROOT);
            if (name.contains("postgres")) return SqlFlavor.POSTGRESQL;
            if (name.equals("h2")) return SqlFlavor.H2;
            throw new IllegalStateException("Optilock supports PostgreSQL and H2 through a DataSource; the application's"
                    + " DataSource is connected to " + product + ". Set optilock.url to open a store of another backend.");
        }
    }

    /** The application's {@code CqlSession} (from {@code spring.cassandra.*}), in {@code optilock.cassandra.keyspace}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({CqlStores.class, CqlSession.class})
    @ConditionalOnSingleCandidate(CqlSession.class)
    static class FromCqlSession {
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        VersionedStore versionedStore(CqlSession session, OptilockProperties properties) {
            String keyspace = properties.getCassandra().getKeyspace();
            if (keyspace == null || keyspace.isBlank()) {
                throw new NoStoreConfiguredException("Optilock found the application's CqlSession but no keyspace:"
                        + " set optilock.cassandra.keyspace (the keyspace of Optilock's tables).");
            }
            return CqlStores.fromSession(session, keyspace, options(properties).build());
        }
    }

    /** No URL, no DataSource, no CqlSession: a clear startup failure instead of a missing bean further on. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(VersionedStore.class)
    static class NoDatabase {
        @Bean
        VersionedStore versionedStore() {
            throw new NoStoreConfiguredException("Optilock has no database to open a VersionedStore on: set optilock.url"
                    + " (e.g. jdbc:postgresql://host:5432/app), or configure a DataSource (spring.datasource.url), or a"
                    + " CqlSession (spring.cassandra.contact-points) with optilock.cassandra.keyspace.");
        }
    }

    private static StoreOptions.Builder options(OptilockProperties properties) {
        StoreOptions.Builder options = StoreOptions.builder().writeIdentities(properties.isWriteIdentities());
        if (properties.getTimeout() != null) options.timeout(properties.getTimeout());
        properties.getProperties().forEach(options::property);
        return options;
    }
}
