package dev.sequin.app.sinks;

import static dev.sequin.app.ApiAssertions.expectProblem;
import static dev.sequin.app.ApiAssertions.names;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sequin.app.ApiClient;
import dev.sequin.app.AppIntegrationTest;
import dev.sequin.config.ConfigChanged;
import dev.sequin.crypto.Vault;
import dev.sequin.message.Action;
import dev.sequin.message.TableName;
import dev.sequin.sink.SequinStreamDestination;
import dev.sequin.sink.SinkSpec;
import dev.sequin.sink.SinkStatus;
import dev.sequin.sink.Sinks;
import dev.sequin.sink.WebhookDestination;
import dev.sequin.source.PostgresDatabaseRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

class SinkApiIT extends AppIntegrationTest {

    private static final String SINKS = "/api/sinks";
    private static final String ENDPOINTS = "/api/destinations/http_endpoints";

    @Autowired
    PostgresDatabaseRepository databases;

    @Autowired
    Vault vault;

    @Autowired
    Sinks sinks;

    @Autowired
    ConfigurableApplicationContext context;

    private final List<ConfigChanged> changes = new CopyOnWriteArrayList<>();
    private final ApplicationListener<ApplicationEvent> recorder = event -> {
        if (event instanceof PayloadApplicationEvent<?> payload && payload.getPayload() instanceof ConfigChanged change) {
            changes.add(change);
        }
    };

    private String database;
    private String endpoint;

    @BeforeEach
    void source() {
        database = SourceFixture.create(databases, vault);
        endpoint = "hook-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post(ENDPOINTS, "{\"name\": \"" + endpoint + "\", \"url\": \"https://example.com/in\"}").status())
                .isEqualTo(200);
        context.addApplicationListener(recorder);
    }

    @AfterEach
    void stopRecording() {
        context.removeApplicationListener(recorder);
    }

    @Test
    void webhookSinkRoundTripsWithDefaultsAndReachesThePipelineView() {
        String name = unique("orders-webhook");
        ApiClient.Response created = api.post(SINKS, """
                {"name": "%s", "database": "%s",
                 "source": {"include_tables": ["public.orders"]},
                 "tables": [{"name": "public.orders", "group_column_names": ["tenant"]}],
                 "destination": {"type": "webhook", "http_endpoint": "%s", "http_endpoint_path": "/orders"},
                 "annotations": {"team": "billing"}}""".formatted(name, database, endpoint));
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        UUID id = UUID.fromString(created.get("id").asString());
        assertThat(created.get("name").asString()).isEqualTo(name);
        assertThat(created.get("database").asString()).isEqualTo(database);
        assertThat(created.get("status").asString()).isEqualTo("active");
        assertThat(created.get("source").get("include_tables").get(0).asString()).isEqualTo("public.orders");
        assertThat(created.get("source").get("include_schemas").isNull()).isTrue();
        assertThat(created.get("tables").get(0).get("group_column_names").get(0).asString()).isEqualTo("tenant");
        assertThat(strings(created.get("actions"))).containsExactly("insert", "update", "delete");
        assertThat(created.get("destination").get("type").asString()).isEqualTo("webhook");
        assertThat(created.get("destination").get("http_endpoint").asString()).isEqualTo(endpoint);
        assertThat(created.get("destination").get("http_endpoint_path").asString()).isEqualTo("/orders");
        assertThat(created.get("destination").get("batch").asBoolean()).as("D2: batch defaults to true").isTrue();
        for (String function : List.of("filter", "transform", "routing", "enrichment")) {
            assertThat(created.get(function).asString()).isEqualTo("none");
        }
        assertThat(created.get("message_grouping").asBoolean()).isTrue();
        assertThat(created.get("batch_size").asInt()).isEqualTo(1);
        assertThat(created.get("max_retry_count").isNull()).isTrue();
        assertThat(created.get("load_shedding_policy").asString()).isEqualTo("pause_on_full");
        assertThat(created.get("timestamp_format").asString()).isEqualTo("iso8601");
        assertThat(created.get("message_kind").asString()).isEqualTo("event");
        assertThat(created.get("ack_wait_ms").asInt()).isEqualTo(30_000);
        assertThat(created.get("max_ack_pending").asInt()).isEqualTo(10_000);
        assertThat(created.get("max_waiting").asInt()).isEqualTo(20);
        assertThat(created.get("annotations").get("team").asString()).isEqualTo("billing");
        assertThat(created.get("active_backfills").isArray()).isTrue();
        assertThat(created.get("active_backfills").size()).isZero();
        assertThat(created.get("health").get("status").asString()).isEqualTo("healthy");
        assertThat(created.get("health").get("checks").isArray()).isTrue();
        assertThat(changes).contains(new ConfigChanged(ConfigChanged.Kind.SINK, id));

        assertThat(api.get(SINKS + "/" + id).get("name").asString()).isEqualTo(name);
        assertThat(api.get(SINKS + "/" + name).get("id").asString()).isEqualTo(id.toString());
        assertThat(names(api.get(SINKS))).contains(name);

        SinkSpec spec = sinks.find(name).orElseThrow();
        assertThat(spec.id()).isEqualTo(id);
        assertThat(spec.status()).isEqualTo(SinkStatus.ACTIVE);
        assertThat(spec.destination()).isEqualTo(new WebhookDestination(spec.destination() instanceof WebhookDestination w
                ? w.httpEndpointId() : null, "/orders", true));
        assertThat(spec.groupColumns()).containsEntry(new TableName("public", "orders"), List.of("tenant"));
        assertThat(spec.selects(new TableName("public", "orders"))).isTrue();
        assertThat(spec.selects(new TableName("billing", "invoices"))).isFalse();
        assertThat(spec.actions()).containsExactlyInAnyOrder(Action.INSERT, Action.UPDATE, Action.DELETE);
        assertThat(spec.ackWaitMs()).isEqualTo(30_000);
        assertThat(spec.annotationsJson()).contains("billing");
        assertThat(sinks.forDatabase(spec.databaseId())).extracting(SinkSpec::name).containsExactly(name);
    }

    @Test
    void updatesArePartialByPatchAndPutAndAnnounced() {
        String name = unique("upd-webhook");
        String id = createWebhook(name).get("id").asString();
        changes.clear();

        ApiClient.Response patched = api.patch(SINKS + "/" + name, """
                {"status": "paused", "batch_size": 10, "actions": ["insert"], "max_retry_count": 5,
                 "ack_wait_ms": 1500, "batch_timeout_ms": 50, "message_kind": "record",
                 "retry": {"max_attempts": 3, "factor": 2}}""");
        assertThat(patched.status()).as(patched.text()).isEqualTo(200);
        assertThat(patched.get("status").asString()).isEqualTo("paused");
        assertThat(patched.get("batch_size").asInt()).isEqualTo(10);
        assertThat(strings(patched.get("actions"))).containsExactly("insert");
        assertThat(patched.get("destination").get("http_endpoint").asString()).as("untouched").isEqualTo(endpoint);
        assertThat(patched.get("retry").get("max_attempts").asInt()).isEqualTo(3);
        assertThat(changes).containsExactly(new ConfigChanged(ConfigChanged.Kind.SINK, UUID.fromString(id)));

        ApiClient.Response put = api.put(SINKS + "/" + id, """
                {"destination": {"http_endpoint_path": "/v2?x=1"}, "max_retry_count": null}""");
        assertThat(put.status()).as(put.text()).isEqualTo(200);
        assertThat(put.get("destination").get("http_endpoint_path").asString()).isEqualTo("/v2?x=1");
        assertThat(put.get("destination").get("batch").asBoolean()).isTrue();
        assertThat(put.get("max_retry_count").isNull()).isTrue();
        assertThat(put.get("batch_size").asInt()).isEqualTo(10);

        SinkSpec spec = sinks.find(id).orElseThrow();
        assertThat(spec.status()).isEqualTo(SinkStatus.PAUSED);
        assertThat(spec.delivers(Action.UPDATE)).isFalse();
        assertThat(spec.delivers(Action.READ)).as("read is always delivered").isTrue();
        assertThat(spec.ackWaitMs()).isEqualTo(1500);
        assertThat(spec.batchTimeoutMs()).isEqualTo(50);
        assertThat(spec.messageKind()).isEqualTo("record");
        assertThat(spec.retryJson()).contains("max_attempts");
    }

    @Test
    void sequinStreamSinkAndDeletion() {
        String name = unique("stream");
        ApiClient.Response created = api.post(SINKS, """
                {"name": "%s", "database": "%s", "destination": {"type": "sequin_stream"},
                 "source": {"include_schemas": ["billing"]}, "batch_size": 50}""".formatted(name, database));
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        assertThat(created.get("destination").size()).isEqualTo(1);
        assertThat(created.get("destination").get("type").asString()).isEqualTo("sequin_stream");
        SinkSpec spec = sinks.find(name).orElseThrow();
        assertThat(spec.destination()).isEqualTo(new SequinStreamDestination());
        assertThat(spec.batchSize()).isEqualTo(50);
        assertThat(spec.selects(new TableName("billing", "invoices"))).isTrue();
        assertThat(spec.selects(new TableName("public", "orders"))).isFalse();

        changes.clear();
        ApiClient.Response deleted = api.delete(SINKS + "/" + name);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.get("id").asString()).isEqualTo(spec.id().toString());
        assertThat(deleted.get("deleted").asBoolean()).isTrue();
        assertThat(changes).containsExactly(new ConfigChanged(ConfigChanged.Kind.SINK, spec.id()));
        assertThat(api.get(SINKS + "/" + name).status()).isEqualTo(404);
        assertThat(sinks.find(name)).isEmpty();
    }

    @Test
    void anEndpointInUseCannotBeDeleted() {
        String name = unique("uses-endpoint");
        createWebhook(name);
        ApiClient.Response refused = api.delete(ENDPOINTS + "/" + endpoint);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.get("summary").asString()).contains(name);
        assertThat(api.get(ENDPOINTS + "/" + endpoint).status()).isEqualTo(200);

        assertThat(api.delete(SINKS + "/" + name).status()).isEqualTo(200);
        assertThat(api.delete(ENDPOINTS + "/" + endpoint).status()).isEqualTo(200);
    }

    @Test
    void badInputIsA4xxInSequinsShapeAndCreatesNothing() {
        String name = unique("bad-sink");
        String ok = """
                "name": "%s", "database": "%s", "destination": {"type": "webhook", "http_endpoint": "%s"}"""
                .formatted(name, database, endpoint);

        expectProblem(api.post(SINKS, "{" + ok), 400, null);
        ApiClient.Response unknown = api.post(SINKS, "{" + ok + ", \"colour\": 1}");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.get("summary").asString()).isEqualTo("Unknown field: colour");
        ApiClient.Response unknownNested = api.post(SINKS, """
                {"name": "%s", "database": "%s", "destination": {"type": "webhook", "http_endpoint": "%s", "url": "x"}}"""
                .formatted(name, database, endpoint));
        assertThat(unknownNested.get("summary").asString()).isEqualTo("Unknown field: url");

        ApiClient.Response noTable = expectProblem(api.post(SINKS, "{" + ok + ", \"source\": {\"include_tables\": [\"public.nope\"]}}"),
                422, "source.include_tables");
        assertThat(noTable.get("validation_errors").get("source.include_tables").get(0).asString()).contains("public.nope");
        expectProblem(api.post(SINKS, "{" + ok + ", \"tables\": [{\"name\": \"public.ghost\"}]}"), 422, "tables");
        expectProblem(api.post(SINKS, "{" + ok + ", \"tables\": [{\"name\": \"public.orders\", \"group_column_names\": [\"nope\"]}]}"),
                422, "tables");
        expectProblem(api.post(SINKS, "{" + ok + ", \"tables\": [{\"name\": \"public.orders\", \"group_column_names\": [\"tenant\"]}],"
                + " \"message_grouping\": false}"), 422, "tables");
        expectProblem(api.post(SINKS, """
                {"name": "%s", "database": "%s", "batch_size": 5,
                 "destination": {"type": "webhook", "http_endpoint": "%s", "batch": false}}"""
                .formatted(name, database, endpoint)), 422, "batch_size");
        expectProblem(api.post(SINKS, """
                {"name": "%s", "database": "%s", "destination": {"type": "webhook", "http_endpoint": "%s",
                 "http_endpoint_path": "orders"}}""".formatted(name, database, endpoint)), 422, "destination.http_endpoint_path");
        expectProblem(api.post(SINKS, """
                {"name": "%s", "database": "%s", "destination": {"type": "webhook", "http_endpoint": "%s",
                 "http_endpoint_path": "//evil.example.com/x"}}""".formatted(name, database, endpoint)),
                422, "destination.http_endpoint_path");
        expectProblem(api.post(SINKS, """
                {"name": "%s", "database": "%s", "destination": {"type": "webhook", "http_endpoint": "%s",
                 "http_endpoint_path": "/%s"}}""".formatted(name, database, endpoint, "a".repeat(2000))),
                422, "destination.http_endpoint_path");
        ApiClient.Response kafka = expectProblem(api.post(SINKS, """
                {"name": "%s", "database": "%s", "destination": {"type": "kafka"}}""".formatted(name, database)),
                422, "destination.type");
        assertThat(kafka.get("validation_errors").get("destination.type").get(0).asString()).contains("kafka").contains("not supported yet");
        ApiClient.Response function = expectProblem(api.post(SINKS, "{" + ok + ", \"filter\": \"only_vip\"}"), 422, "filter");
        assertThat(function.get("validation_errors").get("filter").get(0).asString()).contains("not supported yet");
        expectProblem(api.post(SINKS, "{" + ok + ", \"source\": {\"include_schemas\": [\"a\"], \"exclude_schemas\": [\"b\"]}}"),
                422, "source.exclude_schemas");
        expectProblem(api.post(SINKS, "{" + ok + ", \"batch_size\": 1001}"), 422, "batch_size");
        expectProblem(api.post(SINKS, "{" + ok + ", \"ack_wait_ms\": 100}"), 422, "ack_wait_ms");
        expectProblem(api.post(SINKS, "{" + ok + ", \"actions\": [\"insert\", \"truncate\"]}"), 422, "actions");
        expectProblem(api.post(SINKS, "{" + ok + ", \"status\": \"running\"}"), 422, "status");
        expectProblem(api.post(SINKS, "{" + ok + ", \"load_shedding_policy\": \"drop\"}"), 422, "load_shedding_policy");
        expectProblem(api.post(SINKS, """
                {"name": "%s", "database": "no-such-db", "destination": {"type": "sequin_stream"}}""".formatted(name)),
                422, "database");
        expectProblem(api.post(SINKS, """
                {"name": "%s", "database": "%s", "destination": {"type": "webhook", "http_endpoint": "no-such-endpoint"}}"""
                .formatted(name, database)), 422, "destination.http_endpoint");
        expectProblem(api.post(SINKS, """
                {"name": "%s", "database": "%s"}""".formatted(name, database)), 422, "destination");
        ApiClient.Response sql = expectProblem(api.post(SINKS, """
                {"name": "orders'); DROP TABLE sinks; --", "database": "%s", "destination": {"type": "sequin_stream"}}"""
                .formatted(database)), 422, "name");
        assertThat(sql.get("validation_errors").get("name").get(0).asString()).contains("letters, digits");

        assertThat(names(api.get(SINKS))).doesNotContain(name);
        assertThat(sinks.find(name)).isEmpty();
        assertThat(changes).isEmpty();
    }

    @Test
    void duplicateNamesAndInvalidUpdatesLeaveTheSinkAsItWas() {
        String first = unique("dup-sink");
        String second = unique("dup-sink");
        createWebhook(first);
        createWebhook(second);
        ApiClient.Response duplicate = expectProblem(api.post(SINKS, """
                {"name": "%s", "database": "%s", "destination": {"type": "sequin_stream"}}""".formatted(first, database)),
                422, "name");
        assertThat(duplicate.get("validation_errors").get("name").get(0).asString()).isEqualTo("has already been taken");
        expectProblem(api.patch(SINKS + "/" + second, "{\"name\": \"" + first + "\"}"), 422, "name");

        changes.clear();
        expectProblem(api.patch(SINKS + "/" + second, """
                {"status": "paused", "destination": {"batch": false}, "batch_size": 5}"""), 422, "batch_size");
        expectProblem(api.patch(SINKS + "/" + second, """
                {"status": "paused", "source": {"include_tables": ["public.missing"]}}"""), 422, "source.include_tables");
        ApiClient.Response after = api.get(SINKS + "/" + second);
        assertThat(after.get("status").asString()).isEqualTo("active");
        assertThat(after.get("destination").get("batch").asBoolean()).isTrue();
        assertThat(after.get("source").get("include_tables").isNull()).isTrue();
        assertThat(changes).isEmpty();
        assertThat(names(api.get(SINKS)).stream().filter(first::equals).count()).isEqualTo(1);
    }

    @Test
    void caseSensitiveTableNamesAndTheDeprecatedTableKey() {
        String name = unique("legacy");
        ApiClient.Response created = api.post(SINKS, """
                {"name": "%s", "database": "%s", "table": "public.MixedCase", "destination": {"type": "sequin_stream"}}"""
                .formatted(name, database));
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        assertThat(strings(created.get("source").get("include_tables"))).containsExactly("public.MixedCase");
        expectProblem(api.post(SINKS, """
                {"name": "%s", "database": "%s", "table": "public.mixedcase", "destination": {"type": "sequin_stream"}}"""
                .formatted(unique("legacy"), database)), 422, "source.include_tables");
        assertThat(sinks.find(name).orElseThrow().source().includeTables())
                .isEqualTo(Set.of(new TableName("public", "MixedCase")));
    }

    private ApiClient.Response createWebhook(String name) {
        ApiClient.Response created = api.post(SINKS, """
                {"name": "%s", "database": "%s", "destination": {"type": "webhook", "http_endpoint": "%s"}}"""
                .formatted(name, database, endpoint));
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        return created;
    }


    private static List<String> strings(tools.jackson.databind.JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.asString()));
        return out;
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
