package dev.sequin.app.pipeline;

import dev.sequin.delivery.SinkClient;
import dev.sequin.delivery.push.WebhookClient;
import dev.sequin.delivery.push.WebhookTarget;
import dev.sequin.sink.HttpEndpointSpec;
import dev.sequin.sink.HttpEndpoints;
import dev.sequin.sink.SinkSpec;
import dev.sequin.sink.WebhookDestination;
import dev.sequin.source.SourceDatabase;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Builds the client of a sink from its destination: today webhooks. */
@Component
class SinkClients {

    private final HttpEndpoints endpoints;
    private final HttpClient http = WebhookClient.newHttpClient();

    SinkClients(HttpEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    /** The client of a push sink (pull sinks are drained by their API instead). */
    SinkClient clientFor(SinkSpec sink, SourceDatabase db, int concurrency) {
        WebhookTarget target = targetFor(sink);
        if (target == null) {
            throw new IllegalArgumentException("Sink " + sink.name() + " does not push");
        }
        return new WebhookClient(http, target, sink.encoder(db), concurrency);
    }

    /**
     * Where a push sink delivers, resolved from its endpoint now; compared between reconciles so
     * that an edited endpoint (say, a fixed Authorization header) reaches running sinks.
     */
    WebhookTarget targetFor(SinkSpec sink) {
        if (!(sink.destination() instanceof WebhookDestination webhook)) {
            return null;
        }
        HttpEndpointSpec endpoint = endpoints.byId(webhook.httpEndpointId())
                .orElseThrow(() -> new IllegalStateException("HTTP endpoint of sink " + sink.name() + " is gone"));
        Map<String, String> encrypted = new LinkedHashMap<>();
        endpoint.encryptedHeaders().forEach((name, secret) -> encrypted.put(name, secret.reveal()));
        return WebhookTarget.of(endpoint.url(), webhook.path(), endpoint.headers(), encrypted,
                sink.ackWaitMs(), webhook.batch(), endpoint.signingSecret());
    }
}
