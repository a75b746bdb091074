package dev.optilock.spring.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns {@link NoStoreConfiguredException} into Spring Boot's startup report: what is missing and what to set. */
class NoStoreConfiguredFailureAnalyzer extends AbstractFailureAnalyzer<NoStoreConfiguredException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, NoStoreConfiguredException cause) {
        return new FailureAnalysis(cause.getMessage(), "Set optilock.url; or spring.datasource.url and a JDBC driver"
                + " (PostgreSQL or H2); or spring.cassandra.contact-points, spring.cassandra.local-datacenter and"
                + " optilock.cassandra.keyspace. Or define a VersionedStore bean of your own.", cause);
    }
}
