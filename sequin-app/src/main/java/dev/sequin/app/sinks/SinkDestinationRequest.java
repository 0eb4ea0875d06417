package dev.sequin.app.sinks;

import dev.sequin.app.api.ApiProblem;
import dev.sequin.app.api.JsonBody;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a sink's {@code destination} object (contract §5.4). Webhook and sequin_stream are
 * supported; the other Sequin types are recognised and refused by name, so a user learns that the
 * type is known but not yet available rather than that it is misspelt.
 */
final class SinkDestinationRequest {

    static final int MAX_PATH_LENGTH = 2000;

    private static final Set<String> WEBHOOK_FIELDS = Set.of("type", "http_endpoint", "http_endpoint_path", "batch");
    private static final Set<String> STREAM_FIELDS = Set.of("type");
    private static final Set<String> NOT_YET = Set.of("kafka", "sqs", "sns", "kinesis", "redis_stream", "redis",
            "redis_string", "rabbitmq", "gcp_pubsub", "azure_event_hub", "nats", "s2", "elasticsearch", "typesense",
            "meilisearch", "trigger_dev");
    /** The path is appended to the endpoint URL, so it must start a path, query or fragment. */
    private static final Pattern PATH_START = Pattern.compile("^([/?#]|$)");

    private SinkDestinationRequest() {
    }

    /**
     * Writes the destination onto the draft. Without {@code type} the draft's current type is
     * kept and the given fields are merged; a new type starts from that type's defaults.
     */
    static void read(JsonBody destination, SinkDraft draft, SinkRequest.Resolver resolver) {
        String type = destination.present("type") ? destination.string("type") : draft.destinationType;
        if (type == null) {
            throw ApiProblem.invalid("destination.type", "can't be blank");
        }
        if (NOT_YET.contains(type)) {
            throw ApiProblem.invalid("destination.type", type + " sinks are not supported yet (supported: webhook, sequin_stream)");
        }
        if (!type.equals("webhook") && !type.equals("sequin_stream")) {
            throw ApiProblem.invalid("destination.type", "'" + type + "' is not a destination type");
        }
        if (!type.equals(draft.destinationType)) {
            draft.destinationType = type;
            draft.httpEndpointId = null;
            draft.httpEndpointPath = "";
            // D2: an omitted webhook batch is true, as in Sequin's code.
            draft.batch = true;
        }
        if (type.equals("sequin_stream")) {
            destination.allowOnly(STREAM_FIELDS);
            return;
        }
        destination.allowOnly(WEBHOOK_FIELDS);
        if (destination.has("http_endpoint")) {
            String endpoint = destination.string("http_endpoint");
            if (endpoint == null || endpoint.isBlank()) {
                throw ApiProblem.invalid("destination.http_endpoint", "can't be blank");
            }
            draft.httpEndpointId = resolver.httpEndpointId(endpoint);
        }
        if (destination.has("http_endpoint_path")) {
            String path = destination.string("http_endpoint_path");
            draft.httpEndpointPath = path == null ? "" : validPath(path);
        }
        if (destination.present("batch")) {
            draft.batch = destination.bool("batch");
        }
    }

    private static String validPath(String path) {
        if (path.length() > MAX_PATH_LENGTH) {
            throw ApiProblem.invalid("destination.http_endpoint_path", "must be at most " + MAX_PATH_LENGTH + " characters");
        }
        if (!PATH_START.matcher(path).find()) {
            throw ApiProblem.invalid("destination.http_endpoint_path", "must start with /, ? or # (it is appended to the endpoint URL)");
        }
        try {
            URI uri = new URI(path);
            if (uri.isAbsolute() || uri.getRawAuthority() != null) {
                throw ApiProblem.invalid("destination.http_endpoint_path", "must be a path, not a URL");
            }
        } catch (URISyntaxException e) {
            throw ApiProblem.invalid("destination.http_endpoint_path", "is not a valid URL path: " + e.getReason());
        }
        return path;
    }
}
