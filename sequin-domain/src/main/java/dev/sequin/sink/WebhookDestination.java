package dev.sequin.sink;

import java.util.Objects;
import java.util.UUID;

/**
 * HTTP push to an {@link HttpEndpointSpec} (contract §2).
 *
 * @param httpEndpointId the endpoint; read it with {@link HttpEndpoints#byId}
 * @param path           appended to the endpoint URL, never {@code null} ({@code ""} for none);
 *                       matches {@code ^([/?#]|$)} and is at most 2000 characters
 * @param batch          {@code true}: body {@code {"data": [msg, …]}}; {@code false}: the single
 *                       message unwrapped, and the sink's batch size is then always 1
 */
public record WebhookDestination(UUID httpEndpointId, String path, boolean batch) implements Destination {

    public WebhookDestination {
        Objects.requireNonNull(httpEndpointId, "httpEndpointId");
        path = path == null ? "" : path;
    }

    @Override
    public String type() {
        return "webhook";
    }
}
