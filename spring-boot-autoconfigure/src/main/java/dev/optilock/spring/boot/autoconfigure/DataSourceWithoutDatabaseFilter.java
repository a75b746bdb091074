package dev.optilock.spring.boot.autoconfigure;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Leaves out Spring Boot's {@code DataSourceAutoConfiguration} in an application that puts Optilock on Cassandra
 * ({@code optilock.cassandra.keyspace} set) and configures no JDBC database: no {@code spring.datasource.url}, no
 * {@code spring.datasource.jndi-name}, and no embedded database (H2, HSQLDB, Derby) on the class path. The starter
 * brings JDBC support for applications on PostgreSQL; such an application on Cassandra would otherwise fail to start
 * for want of a DataSource it never asked for ("'url' attribute is not specified"). Any other application keeps
 * Spring Boot's behaviour unchanged (one whose JDBC connection comes from a service connection, for example).
 */
public class DataSourceWithoutDatabaseFilter implements AutoConfigurationImportFilter, EnvironmentAware, BeanClassLoaderAware {
    static final String DATA_SOURCE_AUTO_CONFIGURATION = "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration";
    private static final String[] EMBEDDED_DRIVERS = {"org.h2.Driver", "org.hsqldb.jdbcDriver", "org.apache.derby.jdbc.EmbeddedDriver"};

    private Environment environment;
    private ClassLoader classLoader;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
        boolean leaveOut = noJdbcDatabase();
        boolean[] matches = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < autoConfigurationClasses.length; i++) {
            matches[i] = !(leaveOut && DATA_SOURCE_AUTO_CONFIGURATION.equals(autoConfigurationClasses[i]));
        }
        return matches;
    }

    private boolean noJdbcDatabase() {
        if (environment == null || !environment.containsProperty("optilock.cassandra.keyspace")) return false;
        if (environment.containsProperty("spring.datasource.url") || environment.containsProperty("spring.datasource.jndi-name")) {
            return false;
        }
        for (String driver : EMBEDDED_DRIVERS) {
            if (ClassUtils.isPresent(driver, classLoader)) return false;
        }
        return true;
    }
}
