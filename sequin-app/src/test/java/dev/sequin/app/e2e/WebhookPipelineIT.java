package dev.sequin.app.e2e;

import static dev.sequin.app.e2e.TestReceiver.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sequin.app.AppIntegrationTest;
import dev.sequin.app.ApiClient;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The running app, a real source database and real local HTTP receivers: what a Sequin user sees
 * when changes stream to a webhook.
 */
class WebhookPipelineIT extends AppIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final List<TestReceiver> receivers = new ArrayList<>();

    private TestReceiver receiver() {
        TestReceiver receiver = new TestReceiver();
        receivers.add(receiver);
        return receiver;
    }

    @AfterEach
    void stopReceivers() {
        receivers.forEach(TestReceiver::close);
    }

    @Test
    void aRowSinkGetsTheLatestRowOnInsertAndUpdateAndNoDeletes() {
        WebhookSource source = WebhookSource.create(api, "e2e_rows");
        TestReceiver receiver = receiver();
        source.webhookSink("rows-hook", receiver.url(), null, "\"message_kind\": \"record\"");

        source.sql("INSERT INTO orders (id, status) VALUES (1, 'pending')",
                "UPDATE orders SET status = 'shipped' WHERE id = 1",
                "DELETE FROM orders WHERE id = 1",
                "INSERT INTO orders (id, status) VALUES (2, 'after the delete')");
        await("3 row messages", WAIT, () -> receiver.messages().size() >= 3);

        List<JsonNode> messages = receiver.messages();
        assertThat(messages).hasSize(3);
        // Row 1's versions in order, no delete; row 2 is another group, so it may come anywhere.
        assertThat(messages).filteredOn(m -> m.get("record").get("id").asInt() == 1)
                .extracting(m -> m.get("record").get("status").asString()).containsExactly("pending", "shipped");
        assertThat(messages).filteredOn(m -> m.get("record").get("id").asInt() == 2)
                .extracting(m -> m.get("record").get("status").asString()).containsExactly("after the delete");
        int shipped = 0;
        while (!"shipped".equals(messages.get(shipped).get("record").get("status").asString())) {
            shipped++;
        }
        JsonNode row = messages.get(shipped);
        assertThat(row.propertyNames()).containsExactly("record", "metadata");
        JsonNode meta = row.get("metadata");
        assertThat(meta.propertyNames()).containsExactly("table_schema", "table_name", "commit_timestamp", "commit_lsn",
                "idempotency_key", "database_name", "consumer");
        assertThat(meta.get("table_name").asString()).isEqualTo("orders");
        assertThat(meta.get("consumer").get("name").asString()).isEqualTo("rows-hook");
        assertThat(receiver.accepted().get(shipped).header("Idempotency-Key")).isEqualTo(meta.get("idempotency_key").asString());
    }

    @Test
    void insertUpdateDeleteArriveWithTheContractShape() {
        WebhookSource source = WebhookSource.create(api, "e2e_shape");
        TestReceiver receiver = receiver();
        source.webhookSink("shape-hook", receiver.url(), null, null);

        source.sql("INSERT INTO orders (id, status, amount) VALUES (1, 'pending', 19.99)",
                "UPDATE orders SET status = 'shipped' WHERE id = 1",
                "DELETE FROM orders WHERE id = 1");
        await("3 messages", WAIT, () -> receiver.messages().size() == 3);

        List<JsonNode> messages = receiver.messages();
        assertThat(messages).extracting(m -> m.get("action").asString()).containsExactly("insert", "update", "delete");
        JsonNode insert = messages.get(0);
        assertThat(insert.get("record").get("id").asInt()).isEqualTo(1);
        assertThat(insert.get("record").get("status").asString()).isEqualTo("pending");
        assertThat(insert.get("record").get("amount").asString()).as("numeric is a string by default").isEqualTo("19.99");
        assertThat(insert.get("changes").isNull()).isTrue();
        assertThat(messages.get(1).get("changes").isObject()).as("DEFAULT identity: {}").isTrue();
        assertThat(messages.get(1).get("changes").size()).isZero();
        JsonNode delete = messages.get(2);
        assertThat(delete.get("record").get("id").asInt()).isEqualTo(1);
        assertThat(delete.get("record").get("status").isNull()).as("non-key column of a DEFAULT delete").isTrue();

        JsonNode meta = insert.get("metadata");
        assertThat(meta.get("table_schema").asString()).isEqualTo("public");
        assertThat(meta.get("table_name").asString()).isEqualTo("orders");
        assertThat(meta.get("record_pks").get(0).asString()).isEqualTo("1");
        assertThat(meta.get("consumer").get("name").asString()).isEqualTo("shape-hook");
        assertThat(meta.get("database").get("database").asString()).isEqualTo(source.database);
        assertThat(meta.get("database_name").asString()).isEqualTo(source.name);
        assertThat(meta.get("commit_timestamp").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        String expectedKey = Base64.getEncoder().encodeToString(
                (meta.get("commit_lsn").asLong() + ":" + meta.get("commit_idx").asInt()).getBytes(StandardCharsets.US_ASCII));
        assertThat(meta.get("idempotency_key").asString()).isEqualTo(expectedKey);
        assertThat(receiver.accepted().get(0).header("Idempotency-Key")).isEqualTo(expectedKey);
        assertThat(receiver.accepted().get(0).path()).isEqualTo("/hook");
    }

    @Test
    void perKeyOrderHoldsUnderTwentyConcurrentWriters() throws Exception {
        WebhookSource source = WebhookSource.create(api, "e2e_order");
        source.sql("INSERT INTO orders (id, status) SELECT g, 'new' FROM generate_series(1, 100) g");
        TestReceiver receiver = receiver();
        source.webhookSink("order-hook", receiver.url(), null, "\"actions\": [\"update\"]");

        int writers = 20;
        int updatesPerWriter = 40;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            done.add(pool.submit(() -> {
                try (Connection c = source.connect();
                     PreparedStatement s = c.prepareStatement("UPDATE orders SET version = version + 1 WHERE id = ?")) {
                    for (int i = 0; i < updatesPerWriter; i++) {
                        s.setInt(1, ThreadLocalRandom.current().nextInt(1, 101));
                        s.executeUpdate();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        int total = writers * updatesPerWriter;
        await(total + " updates", Duration.ofSeconds(60), () -> receiver.messages().size() >= total);

        Map<Integer, Integer> lastVersion = new HashMap<>();
        for (JsonNode m : receiver.messages()) {
            int id = m.get("record").get("id").asInt();
            int version = m.get("record").get("version").asInt();
            Integer previous = lastVersion.put(id, version);
            assertThat(previous == null ? 0 : previous).as("order of row %d", id).isLessThan(version);
        }
        assertThat(receiver.messages()).hasSize(total);
        assertThat(lastVersion.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(total);
    }

    @Test
    void wrongBearerIsRetriedUntilFixedThenEverythingArrivesInOrder() {
        WebhookSource source = WebhookSource.create(api, "e2e_auth");
        TestReceiver receiver = receiver();
        receiver.requireAuthorization("Bearer s3cret");
        source.webhookSink("auth-hook", receiver.url(), "Bearer wrong", null);

        for (int i = 1; i <= 5; i++) {
            source.sql("INSERT INTO orders (id, status) VALUES (" + i + ", 'v0')",
                    "UPDATE orders SET status = 'v1', version = 1 WHERE id = " + i);
        }
        await("refused attempts", WAIT, () -> receiver.refused().size() >= 10);
        assertThat(receiver.accepted()).isEmpty();
        assertThat(receiver.refused().get(0).body()).contains("\"record\"");
        ApiClient.Response failing = api.get("/api/sinks/auth-hook/messages");
        assertThat(failing.status()).isEqualTo(200);
        assertThat(failing.get("data").size()).isPositive();
        assertThat(failing.get("data").get(0).get("last_error").asString()).startsWith("HTTP 401");

        ApiClient.Response fixed = api.patch("/api/destinations/http_endpoints/auth-hook-ep",
                "{\"encrypted_headers\": {\"Authorization\": \"Bearer s3cret\"}}");
        assertThat(fixed.status()).as(fixed.text()).isEqualTo(200);

        await("all 10 messages", WAIT, () -> receiver.messages().size() >= 10);
        Map<Integer, List<String>> actions = new HashMap<>();
        for (JsonNode m : receiver.messages()) {
            actions.computeIfAbsent(m.get("record").get("id").asInt(), k -> new ArrayList<>()).add(m.get("action").asString());
        }
        assertThat(actions).hasSize(5);
        actions.values().forEach(list -> assertThat(list).containsExactly("insert", "update"));
    }

    @Test
    void aReceiverSlowerThanAckWaitGetsARetry() {
        WebhookSource source = WebhookSource.create(api, "e2e_slow");
        TestReceiver receiver = receiver();
        receiver.answerAfter(Duration.ofMillis(1_500));
        source.webhookSink("slow-hook", receiver.url(), null, "\"ack_wait_ms\": 500");

        source.sql("INSERT INTO orders (id, status) VALUES (1, 'pending')");
        await("a first, timed-out request", WAIT, () -> !receiver.accepted().isEmpty());
        receiver.answerAfter(Duration.ZERO);
        await("the retry", WAIT, () -> receiver.accepted().size() >= 2);

        List<TestReceiver.Received> requests = receiver.accepted();
        assertThat(requests.get(1).header("Idempotency-Key")).isEqualTo(requests.get(0).header("Idempotency-Key"));
    }

    @Test
    void aPausedSinkDoesNotHoldBackAnActiveOne() {
        WebhookSource source = WebhookSource.create(api, "e2e_pause");
        TestReceiver active = receiver();
        TestReceiver paused = receiver();
        source.webhookSink("active-hook", active.url(), null, null);
        source.webhookSink("paused-hook", paused.url(), null, "\"status\": \"paused\"");

        source.sql("INSERT INTO orders (id, status) SELECT g, 'new' FROM generate_series(1, 50) g");
        await("50 messages at the active sink", WAIT, () -> active.messages().size() == 50);
        assertThat(paused.accepted()).isEmpty();

        ApiClient.Response resumed = api.patch("/api/sinks/paused-hook", "{\"status\": \"active\"}");
        assertThat(resumed.status()).as(resumed.text()).isEqualTo(200);
        await("50 messages at the resumed sink", WAIT, () -> paused.messages().size() == 50);
    }

    @Test
    void confirmedFlushLsnAdvancesOnlyAfterAcks() throws Exception {
        WebhookSource source = WebhookSource.create(api, "e2e_flush");
        TestReceiver receiver = receiver();
        receiver.requireAuthorization("Bearer ok");
        source.webhookSink("flush-hook", receiver.url(), "Bearer not-yet", null);

        source.sql("INSERT INTO orders (id, status) VALUES (1, 'pending')");
        long afterInsert = source.queryLong("SELECT pg_current_wal_insert_lsn() - '0/0'");
        await("refused attempts", WAIT, () -> receiver.refused().size() >= 3);
        Thread.sleep(1_500);
        assertThat(source.confirmedFlushLsn()).as("not confirmed while unacknowledged (after insert: %s, failing: %s)",
                afterInsert, api.get("/api/sinks/flush-hook/messages").text()).isLessThan(afterInsert);

        api.patch("/api/destinations/http_endpoints/flush-hook-ep", "{\"encrypted_headers\": {\"Authorization\": \"Bearer ok\"}}");
        await("delivery", WAIT, () -> receiver.messages().size() == 1);
        await("confirmed_flush_lsn past the insert", WAIT, () -> source.confirmedFlushLsn() >= afterInsert);
    }

    @Test
    void partitionedTablesArriveAsTheirRootWhenPublishedViaTheRoot() {
        WebhookSource source = WebhookSource.create(api, "e2e_partition");
        source.sql("CREATE TABLE events (id int, region text, PRIMARY KEY (id, region)) PARTITION BY LIST (region)",
                "CREATE TABLE events_eu PARTITION OF events FOR VALUES IN ('eu')",
                "CREATE TABLE events_us PARTITION OF events FOR VALUES IN ('us')",
                "ALTER PUBLICATION " + source.publication + " SET (publish_via_partition_root = true)");
        TestReceiver receiver = receiver();
        ApiClient.Response ep = api.post("/api/destinations/http_endpoints",
                "{\"name\": \"partition-ep\", \"url\": \"" + receiver.url() + "\"}");
        assertThat(ep.status()).as(ep.text()).isEqualTo(200);
        ApiClient.Response sink = api.post("/api/sinks", """
                {"name": "partition-hook", "database": "%s", "source": {"include_tables": ["public.events"]},
                 "destination": {"type": "webhook", "http_endpoint": "partition-ep", "batch": true}, "batch_size": 10}
                """.formatted(source.name));
        assertThat(sink.status()).as(sink.text()).isEqualTo(200);

        source.sql("INSERT INTO events VALUES (1, 'eu'), (2, 'us')");
        await("2 messages", WAIT, () -> receiver.messages().size() == 2);
        assertThat(receiver.messages()).allSatisfy(m -> {
            assertThat(m.get("metadata").get("table_name").asString()).isEqualTo("events");
            assertThat(m.get("metadata").get("record_pks")).hasSize(2);
        });
        assertThat(receiver.accepted().get(0).json().has("data")).as("batch: true wraps in data").isTrue();
    }
}
