package dev.sequin.app.e2e;

import static dev.sequin.app.e2e.TestReceiver.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sequin.app.AppIntegrationTest;
import dev.sequin.app.ApiClient;
import dev.sequin.app.e2e.Puller.Received;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Sequin Stream pull API against the running app and a real source: the contract's shapes
 * and errors byte for byte, visibility and nack, long-poll wake-up, the limits we enforce
 * ({@code max_waiting}, {@code max_ack_pending}), and competing pullers keeping per-key order.
 */
class SequinStreamIT extends AppIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void receiveAndAckHaveTheContractShapesUnderBothPrefixes() {
        WebhookSource source = WebhookSource.create(api, "pull_shape");
        source.streamSink("shape-stream", null);
        source.sql("INSERT INTO orders (id, status, amount) VALUES (7, 'pending', 19.99)");

        ApiClient.Response first = api.post("/api/sequin_streams/shape-stream/receive", "{\"batch_size\": 10, \"wait_for\": 10000}");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().propertyNames()).containsExactly("data");
        assertThat(first.get("data")).hasSize(1);
        JsonNode item = first.get("data").get(0);
        assertThat(item.propertyNames()).containsExactly("ack_id", "data");
        assertThat(UUID.fromString(item.get("ack_id").asString()).version()).isEqualTo(4);
        JsonNode message = item.get("data");
        JsonNode meta = message.get("metadata");
        String golden = """
                {"record":{"id":7,"status":"pending","amount":"19.99","version":0,"updated_at":"%s"},
                 "changes":null,"action":"insert",
                 "metadata":{"table_schema":"public","table_name":"orders","commit_timestamp":"%s",
                  "commit_lsn":%d,"commit_idx":0,"record_pks":["7"],"idempotency_key":"%s",
                  "transaction_annotations":null,"enrichment":null,
                  "consumer":{"id":"%s","name":"shape-stream","annotations":{}},
                  "database":{"id":"%s","name":"%s","annotations":{},"database":"%s","hostname":"%s"},
                  "database_name":"%s"}}
                """.formatted(message.get("record").get("updated_at").asString(), meta.get("commit_timestamp").asString(),
                meta.get("commit_lsn").asLong(), meta.get("idempotency_key").asString(),
                meta.get("consumer").get("id").asString(),
                meta.get("database").get("id").asString(), source.name, source.database,
                meta.get("database").get("hostname").asString(), source.name);
        assertThat(message).isEqualTo(ApiClient.json().readTree(golden));

        ApiClient.Response ack = api.post("/api/http_pull_consumers/shape-stream/ack",
                "{\"ack_ids\": [\"" + item.get("ack_id").asString() + "\"]}");
        assertThat(ack.status()).isEqualTo(200);
        assertThat(ack.text()).isEqualTo("{\"success\":true}");
        ApiClient.Response empty = api.get("/api/http_pull_consumers/shape-stream/receive?batch_size=5");
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.text()).isEqualTo("{\"data\":[]}");
        ApiClient.Response unknown = api.post("/api/sequin_streams/shape-stream/nack",
                "{\"ack_ids\": [\"" + UUID.randomUUID() + "\"]}");
        assertThat(unknown.text()).as("unknown ack ids are ignored").isEqualTo("{\"success\":true}");
    }

    @Test
    void badInputGetsTheContractErrors() {
        WebhookSource source = WebhookSource.create(api, "pull_errors");
        source.streamSink("errors-stream", null);
        String base = "/api/sequin_streams/errors-stream";
        String batch = "Invalid `max_batch_size`. `max_batch_size` must be an integer between 1 and 1000.";
        String range = "Invalid `wait_for`. Must be between 500 and 300,000 milliseconds, or use duration format like '60s', '5m', '1000ms'.";
        String format = "Invalid `wait_for`. When using duration strings, format must be like '60s', '5m', or '1000ms'.";
        String ackIds = "Invalid ack_ids. Must send a top-level `ack_ids` property that is a non-empty list of valid UUID strings";

        assertError(api.post(base + "/receive", "{\"batch_size\": 0}"), 400, batch);
        assertError(api.post(base + "/receive", "{\"max_batch_size\": 1001}"), 400, batch);
        assertError(api.post(base + "/receive", "{\"batch_size\": \"ten\"}"), 400, batch);
        assertError(api.get(base + "/receive?batch_size=abc"), 400, batch);
        assertError(api.post(base + "/receive", "{\"wait_for\": 100}"), 400, range);
        assertError(api.post(base + "/receive", "{\"wait_for\": \"6m\"}"), 400, range);
        assertError(api.get(base + "/receive?wait_for=300001"), 400, range);
        assertError(api.post(base + "/receive", "{\"wait_for\": \"5 minutes\"}"), 400, format);
        assertError(api.get(base + "/receive?wait_for=1h"), 400, format);
        assertError(api.post(base + "/ack", "{}"), 400, ackIds);
        assertError(api.post(base + "/ack", "{\"ack_ids\": []}"), 400, ackIds);
        assertError(api.post(base + "/nack", "{\"ack_ids\": [\"not-a-uuid\"]}"), 400, ackIds);
        assertError(api.post(base + "/ack", "{\"ack_ids\": [42]}"), 400, ackIds);
        assertError(api.send(api.request(base + "/ack").POST(HttpRequest.BodyPublishers.ofString("{\"ack_ids\": []}")).build()),
                400, "Content-Type: application/json is required");
        assertError(api.post("/api/sequin_streams/no-such-stream/receive", "{}"), 404, "Sequin Stream not found: no-such-stream");

        assertThat(api.post(base + "/receive", "{\"wait_for\": \"1000ms\"}").status()).isEqualTo(200);
        assertThat(api.get(base + "/receive?max_batch_size=1000&wait_for=1s").status()).isEqualTo(200);
    }

    private static void assertError(ApiClient.Response response, int status, String summary) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.body().propertyNames()).containsExactly("summary");
        assertThat(response.get("summary").asString()).isEqualTo(summary);
    }

    @Test
    void heldMessagesReturnAfterTheVisibilityTimeoutAndAtOnceOnNack() {
        WebhookSource source = WebhookSource.create(api, "pull_visibility");
        source.streamSink("vis-stream", "\"ack_wait_ms\": 1000");
        Puller puller = new Puller(api, "vis-stream");
        source.sql("INSERT INTO orders (id, status) VALUES (1, 'a')", "UPDATE orders SET status = 'b' WHERE id = 1");

        List<Received> first = puller.receive(10, 10_000);
        assertThat(first).as("one message per group at a time").hasSize(1);
        assertThat(first.get(0).message().get("action").asString()).isEqualTo("insert");
        assertThat(puller.receive(10, null)).as("held: invisible, and its group with it").isEmpty();

        List<Received> again = puller.receive(10, 5_000);
        assertThat(again).as("visible again after ack_wait_ms").hasSize(1);
        assertThat(again.get(0).idempotencyKey()).isEqualTo(first.get(0).idempotencyKey());
        assertThat(again.get(0).ackId()).isNotEqualTo(first.get(0).ackId());
        assertThat(puller.ack(first).status()).as("a stale ack id is ignored").isEqualTo(200);
        assertThat(puller.receive(10, null)).as("the stale ack settled nothing").isEmpty();

        assertThat(puller.nack(again, null).status()).isEqualTo(200);
        List<Received> afterNack = puller.receive(10, null);
        assertThat(afterNack).as("nack: visible at once").hasSize(1);
        assertThat(afterNack.get(0).idempotencyKey()).isEqualTo(first.get(0).idempotencyKey());

        assertThat(puller.post("/extend", Puller.ackIds(afterNack, "\"visibility_timeout_ms\": 60000")).status()).isEqualTo(200);
        sleep(1_500);
        assertThat(puller.receive(10, null)).as("extended past ack_wait_ms: still held").isEmpty();
        puller.ack(afterNack);
        List<Received> update = puller.receive(10, 5_000);
        assertThat(update).hasSize(1);
        assertThat(update.get(0).message().get("action").asString()).isEqualTo("update");

        assertThat(puller.nack(update, "\"delay_ms\": 1500").status()).isEqualTo(200);
        assertThat(puller.receive(10, null)).as("nack with a delay: not yet").isEmpty();
        List<Received> delayed = puller.receive(10, 10_000);
        assertThat(delayed).as("nack with a delay: after it").hasSize(1);
        puller.ack(delayed);
    }

    @Test
    void aWaitingReceiveWakesWhenAMessageArrives() throws Exception {
        WebhookSource source = WebhookSource.create(api, "pull_wake");
        source.streamSink("wake-stream", null);
        Puller puller = new Puller(api, "wake-stream");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            long started = System.nanoTime();
            Future<List<Received>> waiting = pool.submit(() -> puller.receive(1, 20_000));
            Thread.sleep(1_000);
            long inserted = System.nanoTime();
            source.sql("INSERT INTO orders (id, status) VALUES (1, 'wake')");
            List<Received> got = waiting.get();
            long answered = System.nanoTime();
            assertThat(got).hasSize(1);
            assertThat(Duration.ofNanos(answered - started)).as("it waited for the message").isGreaterThan(Duration.ofMillis(900));
            // Sequin polls every 50 ms with a 20 s budget; a woken long-poll answers with the
            // change's own replication delay, far below the remaining 19 s.
            assertThat(Duration.ofNanos(answered - inserted)).as("answered on arrival, not at the deadline")
                    .isLessThan(Duration.ofSeconds(3));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void maxWaitingAndMaxAckPendingAreEnforced() throws Exception {
        WebhookSource source = WebhookSource.create(api, "pull_limits");
        source.streamSink("limits-stream", "\"max_waiting\": 2, \"max_ack_pending\": 5");
        Puller puller = new Puller(api, "limits-stream");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<Received>>> waiting = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                waiting.add(pool.submit(() -> puller.receive(1, 3_000)));
            }
            Thread.sleep(500);
            ApiClient.Response refused = puller.post("/receive", "{\"wait_for\": 3000}");
            assertThat(refused.status()).as(refused.text()).isEqualTo(429);
            assertThat(refused.body().propertyNames()).containsExactly("summary");
            assertThat(refused.get("summary").asString()).contains("max_waiting");
            for (Future<List<Received>> w : waiting) {
                assertThat(w.get()).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }

        source.sql("INSERT INTO orders (id, status) SELECT g, 'x' FROM generate_series(1, 8) g");
        // One transaction: its eight changes reach the queue together.
        assertThat(puller.receive(1, 10_000)).hasSize(1);
        List<Received> rest = puller.receive(10, null);
        assertThat(rest).as("max_ack_pending 5 with one already held").hasSize(4);
        assertThat(puller.receive(10, null)).as("nothing more while 5 are held").isEmpty();
        puller.ack(rest);
        assertThat(puller.receive(10, 2_000)).as("acks make room").hasSize(3);
    }

    @Test
    void fourCompetingPullersNeverHoldTwoMessagesOfOneKeyAndGetEveryChangeOnce() throws Exception {
        int keys = 50;
        int versions = 40;
        WebhookSource source = WebhookSource.create(api, "pull_compete");
        source.streamSink("compete-stream", null);
        try (Connection c = source.connect();
             PreparedStatement insert = c.prepareStatement("INSERT INTO orders (id, status, version) VALUES (?, 'v', 0)");
             PreparedStatement update = c.prepareStatement("UPDATE orders SET version = ? WHERE id = ?")) {
            for (int k = 1; k <= keys; k++) {
                insert.setInt(1, k);
                insert.executeUpdate();
            }
            for (int v = 1; v < versions; v++) {
                for (int k = 1; k <= keys; k++) {
                    update.setInt(1, v);
                    update.setInt(2, k);
                    update.executeUpdate();
                }
            }
        }
        int expected = keys * versions;
        Map<Integer, AtomicBoolean> held = new ConcurrentHashMap<>();
        Map<Integer, Integer> lastVersion = new ConcurrentHashMap<>();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger repeats = new AtomicInteger();
        List<String> violations = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                workers.add(pool.submit(() -> {
                    Puller puller = new Puller(api, "compete-stream");
                    while (seen.size() < expected) {
                        List<Received> batch = puller.receive(1 + ThreadLocalRandom.current().nextInt(10), 1_000);
                        for (Received r : batch) {
                            if (!held.computeIfAbsent(r.id(), k -> new AtomicBoolean()).compareAndSet(false, true)) {
                                violations.add("key " + r.id() + " handed out while held by another puller");
                            }
                        }
                        sleep(ThreadLocalRandom.current().nextInt(3));
                        for (Received r : batch) {
                            int version = r.message().get("record").get("version").asInt();
                            Integer before = lastVersion.put(r.id(), version);
                            if (before != null && before >= version) {
                                violations.add("key " + r.id() + ": version " + version + " after " + before);
                            }
                            if (!seen.add(r.idempotencyKey())) {
                                repeats.incrementAndGet();
                            }
                            held.get(r.id()).set(false);
                        }
                        if (!batch.isEmpty()) {
                            assertThat(puller.ack(batch).status()).isEqualTo(200);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(3, java.util.concurrent.TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(violations).isEmpty();
        assertThat(seen).hasSize(expected);
        assertThat(repeats.get()).as("acked within ack_wait_ms: nothing handed out twice").isZero();
        assertThat(new Puller(api, "compete-stream").receive(10, null)).isEmpty();
        Set<Integer> finalVersions = new HashSet<>(lastVersion.values());
        assertThat(finalVersions).containsExactly(versions - 1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
