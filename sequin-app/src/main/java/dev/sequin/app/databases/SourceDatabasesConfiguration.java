package dev.sequin.app.databases;

import dev.sequin.source.SourceDatabases;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Registers the domain's {@link SourceDatabases} service: the application scans only
 * {@code dev.sequin.app}, so domain services are imported by the feature that owns them.
 */
@Configuration(proxyBeanMethods = false)
@Import(SourceDatabases.class)
class SourceDatabasesConfiguration {
}
