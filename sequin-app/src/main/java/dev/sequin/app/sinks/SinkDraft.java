package dev.sequin.app.sinks;

import dev.sequin.message.Action;
import dev.sequin.sink.Destination;
import dev.sequin.sink.SequinStreamDestination;
import dev.sequin.sink.SinkDefinition;
import dev.sequin.sink.SinkStatus;
import dev.sequin.sink.SinkSpec;
import dev.sequin.sink.SinkTable;
import dev.sequin.sink.SourceSelection;
import dev.sequin.sink.WebhookDestination;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A sink definition being edited by one request: starts as the stored definition (update) or the
 * defaults (create), has the request's fields written onto it, is validated as a whole and then
 * built. Mutable and confined to one request thread.
 */
final class SinkDraft {

    String name;
    UUID databaseId;
    SinkStatus status = SinkStatus.ACTIVE;
    SourceSelection source = SourceSelection.ALL;
    List<SinkTable> tables = List.of();
    Set<Action> actions = SinkDefinition.ALL_ACTIONS;
    String destinationType;
    UUID httpEndpointId;
    String httpEndpointPath = "";
    boolean batch = true;
    String filterFunction;
    String transformFunction;
    String routingFunction;
    String enrichmentFunction;
    boolean messageGrouping = true;
    int batchSize = 1;
    Integer maxRetryCount;
    String loadSheddingPolicy = "pause_on_full";
    String timestampFormat = "iso8601";
    String messageKind = "event";
    String annotationsJson = "{}";
    int ackWaitMs = SinkSpec.DEFAULT_ACK_WAIT_MS;
    int maxAckPending = SinkSpec.DEFAULT_MAX_ACK_PENDING;
    int maxWaiting = SinkSpec.DEFAULT_MAX_WAITING;
    Integer batchTimeoutMs;
    Integer maxMemoryMb;
    String retryJson;
    String initialBackfillJson;

    /** Whether the request changed what must be checked against the source's tables. */
    boolean tablesTouched;

    static SinkDraft empty() {
        return new SinkDraft();
    }

    static SinkDraft of(SinkDefinition d) {
        SinkDraft draft = new SinkDraft();
        draft.name = d.name();
        draft.databaseId = d.databaseId();
        draft.status = d.status();
        draft.source = d.source();
        draft.tables = d.tables();
        draft.actions = d.actions();
        draft.destinationType = d.destination().type();
        if (d.destination() instanceof WebhookDestination webhook) {
            draft.httpEndpointId = webhook.httpEndpointId();
            draft.httpEndpointPath = webhook.path();
            draft.batch = webhook.batch();
        }
        draft.filterFunction = d.filterFunction();
        draft.transformFunction = d.transformFunction();
        draft.routingFunction = d.routingFunction();
        draft.enrichmentFunction = d.enrichmentFunction();
        draft.messageGrouping = d.messageGrouping();
        draft.batchSize = d.batchSize();
        draft.maxRetryCount = d.maxRetryCount();
        draft.loadSheddingPolicy = d.loadSheddingPolicy();
        draft.timestampFormat = d.timestampFormat();
        draft.messageKind = d.messageKind();
        draft.annotationsJson = d.annotationsJson();
        draft.ackWaitMs = d.ackWaitMs();
        draft.maxAckPending = d.maxAckPending();
        draft.maxWaiting = d.maxWaiting();
        draft.batchTimeoutMs = d.batchTimeoutMs();
        draft.maxMemoryMb = d.maxMemoryMb();
        draft.retryJson = d.retryJson();
        draft.initialBackfillJson = d.initialBackfillJson();
        return draft;
    }

    /** Call after {@link SinkValidation#check}: the checks there make every argument valid. */
    SinkDefinition build() {
        Destination destination = "webhook".equals(destinationType)
                ? new WebhookDestination(httpEndpointId, httpEndpointPath, batch)
                : new SequinStreamDestination();
        return new SinkDefinition(name, databaseId, status, source, tables, actions, destination, filterFunction,
                transformFunction, routingFunction, enrichmentFunction, messageGrouping, batchSize, maxRetryCount,
                loadSheddingPolicy, timestampFormat, messageKind, annotationsJson, ackWaitMs, maxAckPending,
                maxWaiting, batchTimeoutMs, maxMemoryMb, retryJson, initialBackfillJson);
    }
}
