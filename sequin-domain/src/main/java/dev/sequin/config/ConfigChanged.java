package dev.sequin.config;

import java.util.UUID;

/**
 * Published (as a Spring application event, after the transaction commits) whenever user
 * configuration that the running pipeline depends on changes: a database, an HTTP endpoint or a
 * sink was created, updated or deleted. The pipeline supervisor reconciles on it.
 *
 * @param kind what changed
 * @param id   the id of the changed resource
 */
public record ConfigChanged(Kind kind, UUID id) {

    public enum Kind { DATABASE, HTTP_ENDPOINT, SINK }
}
