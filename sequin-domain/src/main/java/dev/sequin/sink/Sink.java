package dev.sequin.sink;

import dev.sequin.message.Action;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import dev.sequin.message.TableName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A stored sink (Sequin's "sink consumer"). Written only as a whole {@link SinkDefinition}
 * through {@link #apply}, so a half-updated sink cannot be persisted; read as a definition (for
 * the API) or as a {@link SinkSpec} (for the pipeline). Not thread-safe (a JPA entity).
 */
@Entity
@Table(name = "sinks")
public class Sink {

    @Id
    private UUID id;

    @Column(nullable = false, unique = true)
    private String name;

    @Column(name = "postgres_database_id", nullable = false)
    private UUID databaseId;

    @Column(nullable = false)
    private String status;

    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String source;

    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String tables;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    private String[] actions;

    @Column(name = "destination_type", nullable = false)
    private String destinationType;

    @Column(name = "http_endpoint_id")
    private UUID httpEndpointId;

    @Column(name = "http_endpoint_path")
    private String httpEndpointPath;

    @Column(nullable = false)
    private boolean batch;

    @Column(name = "filter_function")
    private String filterFunction;

    @Column(name = "transform_function")
    private String transformFunction;

    @Column(name = "routing_function")
    private String routingFunction;

    @Column(name = "enrichment_function")
    private String enrichmentFunction;

    @Column(name = "message_grouping", nullable = false)
    private boolean messageGrouping;

    @Column(name = "batch_size", nullable = false)
    private int batchSize;

    @Column(name = "max_retry_count")
    private Integer maxRetryCount;

    @Column(name = "load_shedding_policy", nullable = false)
    private String loadSheddingPolicy;

    @Column(name = "timestamp_format", nullable = false)
    private String timestampFormat;

    @Column(name = "message_kind", nullable = false)
    private String messageKind;

    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String annotations;

    @Column(name = "ack_wait_ms", nullable = false)
    private int ackWaitMs;

    @Column(name = "max_ack_pending", nullable = false)
    private int maxAckPending;

    @Column(name = "max_waiting", nullable = false)
    private int maxWaiting;

    @Column(name = "batch_timeout_ms")
    private Integer batchTimeoutMs;

    @Column(name = "max_memory_mb")
    private Integer maxMemoryMb;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String retry;

    @Column(name = "initial_backfill", columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String initialBackfill;

    @Column(name = "inserted_at", nullable = false)
    private Instant insertedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Sink() {
    }

    public Sink(SinkDefinition definition) {
        this.id = UUID.randomUUID();
        this.insertedAt = Instant.now();
        apply(definition);
    }

    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public UUID getDatabaseId() {
        return databaseId;
    }

    public Instant getInsertedAt() {
        return insertedAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    /** Replaces the whole user configuration. */
    public void apply(SinkDefinition d) {
        name = d.name();
        databaseId = d.databaseId();
        status = d.status().wireName();
        source = JsonColumns.source(d.source());
        tables = JsonColumns.tables(d.tables());
        actions = d.actions().stream().map(Action::wireName).toArray(String[]::new);
        destinationType = d.destination().type();
        if (d.destination() instanceof WebhookDestination webhook) {
            httpEndpointId = webhook.httpEndpointId();
            httpEndpointPath = webhook.path();
            batch = webhook.batch();
        } else {
            httpEndpointId = null;
            httpEndpointPath = null;
            batch = true;
        }
        filterFunction = d.filterFunction();
        transformFunction = d.transformFunction();
        routingFunction = d.routingFunction();
        enrichmentFunction = d.enrichmentFunction();
        messageGrouping = d.messageGrouping();
        batchSize = d.batchSize();
        maxRetryCount = d.maxRetryCount();
        loadSheddingPolicy = d.loadSheddingPolicy();
        timestampFormat = d.timestampFormat();
        messageKind = d.messageKind();
        annotations = d.annotationsJson();
        ackWaitMs = d.ackWaitMs();
        maxAckPending = d.maxAckPending();
        maxWaiting = d.maxWaiting();
        batchTimeoutMs = d.batchTimeoutMs();
        maxMemoryMb = d.maxMemoryMb();
        retry = d.retryJson();
        initialBackfill = d.initialBackfillJson();
        updatedAt = Instant.now();
    }

    /** The stored user configuration. */
    public SinkDefinition definition() {
        Set<Action> actionSet = new LinkedHashSet<>();
        for (String action : actions) {
            actionSet.add(Action.fromWireName(action));
        }
        return new SinkDefinition(name, databaseId, SinkStatus.fromWireName(status), JsonColumns.source(source),
                JsonColumns.tables(tables), actionSet, destination(), filterFunction, transformFunction,
                routingFunction, enrichmentFunction, messageGrouping, batchSize, maxRetryCount, loadSheddingPolicy,
                timestampFormat, messageKind, annotations, ackWaitMs, maxAckPending, maxWaiting, batchTimeoutMs,
                maxMemoryMb, retry, initialBackfill);
    }

    /** The runtime view the pipeline works from. */
    public SinkSpec toSpec() {
        SinkDefinition d = definition();
        Map<TableName, List<String>> groupColumns = new HashMap<>();
        if (d.messageGrouping()) {
            for (SinkTable table : d.tables()) {
                if (!table.groupColumnNames().isEmpty()) {
                    groupColumns.put(table.table(), new ArrayList<>(table.groupColumnNames()));
                }
            }
        }
        return new SinkSpec(id, d.name(), d.databaseId(), d.status(), d.source(), groupColumns, d.actions(),
                d.messageGrouping(), d.batchSize(), d.maxRetryCount(), d.ackWaitMs(), d.maxAckPending(),
                d.maxWaiting(), d.batchTimeoutMs(), d.timestampFormat(), d.messageKind(), d.annotationsJson(),
                d.loadSheddingPolicy(), d.maxMemoryMb(), d.retryJson(), d.destination());
    }

    private Destination destination() {
        if ("webhook".equals(destinationType)) {
            return new WebhookDestination(httpEndpointId, httpEndpointPath, batch);
        }
        return new SequinStreamDestination();
    }
}
