package dev.sequin.app.sinks;

import dev.sequin.message.Action;
import dev.sequin.message.TableName;
import dev.sequin.sink.HttpEndpoint;
import dev.sequin.sink.HttpEndpointRepository;
import dev.sequin.sink.Sink;
import dev.sequin.sink.SinkDefinition;
import dev.sequin.sink.SinkStatus;
import dev.sequin.sink.SinkTable;
import dev.sequin.sink.SourceSelection;
import dev.sequin.sink.WebhookDestination;
import dev.sequin.source.PostgresDatabase;
import dev.sequin.source.PostgresDatabaseRepository;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The response form of a sink (contract §4): every request field with its effective value, plus
 * {@code id}, {@code active_backfills} and {@code health}. The database and the HTTP endpoint are
 * rendered by name, unset functions as {@code "none"}.
 */
@Component
class SinkJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PostgresDatabaseRepository databases;
    private final HttpEndpointRepository endpoints;

    SinkJson(PostgresDatabaseRepository databases, HttpEndpointRepository endpoints) {
        this.databases = databases;
        this.endpoints = endpoints;
    }

    Map<String, Object> render(Sink sink) {
        SinkDefinition d = sink.definition();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", sink.getId().toString());
        json.put("name", d.name());
        json.put("status", d.status().wireName());
        json.put("database", databases.findById(d.databaseId()).map(PostgresDatabase::getName).orElse(null));
        json.put("source", source(d.source()));
        json.put("tables", tables(d.tables()));
        json.put("actions", d.actions().stream().map(Action::wireName).toList());
        json.put("destination", destination(d));
        json.put("filter", function(d.filterFunction()));
        json.put("transform", function(d.transformFunction()));
        json.put("routing", function(d.routingFunction()));
        json.put("enrichment", function(d.enrichmentFunction()));
        json.put("message_grouping", d.messageGrouping());
        json.put("batch_size", d.batchSize());
        json.put("max_retry_count", d.maxRetryCount());
        json.put("load_shedding_policy", d.loadSheddingPolicy());
        json.put("timestamp_format", d.timestampFormat());
        json.put("message_kind", d.messageKind());
        json.put("annotations", JSON.readTree(d.annotationsJson()));
        json.put("ack_wait_ms", d.ackWaitMs());
        json.put("max_ack_pending", d.maxAckPending());
        json.put("max_waiting", d.maxWaiting());
        json.put("batch_timeout_ms", d.batchTimeoutMs());
        json.put("max_memory_mb", d.maxMemoryMb());
        json.put("retry", d.retryJson() == null ? null : JSON.readTree(d.retryJson()));
        json.put("active_backfills", List.of());
        json.put("health", health(d.status()));
        return json;
    }

    private static Map<String, Object> source(SourceSelection source) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("include_schemas", source.includeSchemas() == null ? null : List.copyOf(source.includeSchemas()));
        json.put("exclude_schemas", source.excludeSchemas() == null ? null : List.copyOf(source.excludeSchemas()));
        json.put("include_tables", names(source.includeTables()));
        json.put("exclude_tables", names(source.excludeTables()));
        return json;
    }

    private static List<String> names(Set<TableName> tables) {
        return tables == null ? null : tables.stream().map(TableName::toString).toList();
    }

    private static List<Map<String, Object>> tables(List<SinkTable> tables) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SinkTable table : tables) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", table.table().toString());
            json.put("group_column_names", table.groupColumnNames());
            out.add(json);
        }
        return out;
    }

    private Map<String, Object> destination(SinkDefinition d) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", d.destination().type());
        if (d.destination() instanceof WebhookDestination webhook) {
            json.put("http_endpoint", endpoints.findById(webhook.httpEndpointId()).map(HttpEndpoint::getName).orElse(null));
            json.put("http_endpoint_path", webhook.path());
            json.put("batch", webhook.batch());
        }
        return json;
    }

    private static String function(String name) {
        return name == null ? "none" : name;
    }

    /**
     * Configuration-level health until the pipeline reports its own (contract R9): an active sink
     * is {@code healthy}, a paused or disabled one {@code paused}, with no checks run yet.
     */
    private static Map<String, Object> health(SinkStatus status) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", "Sink health");
        json.put("status", status == SinkStatus.ACTIVE ? "healthy" : "paused");
        json.put("checks", List.of());
        return json;
    }
}
