package dev.sequin.app.deadletters;

import static dev.sequin.app.deadletters.PipelineFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sequin.app.ApiClient;
import dev.sequin.app.AppIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A webhook sink whose receiver answers 500, with {@code max_retry_count: 1}: every change is
 * dead-lettered after one attempt, then listed, filtered, inspected, replayed and discarded
 * through the API, checked against our own tables.
 */
class DeadLettersApiIT extends AppIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    JdbcTemplate jdbc;

    private PipelineFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private List<JsonNode> list(String query) {
        ApiClient.Response r = api.get("/api/sinks/dl-hook/dead_letters" + query);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.get("data").forEach(out::add);
        return out;
    }

    @Test
    void deadLettersAreListedInspectedReplayedAndDiscardedWithAnAuditTrail() {
        fixture = PipelineFixture.create(api, "dl_api", body -> true);
        fixture.sink("dl-hook", "\"max_retry_count\": 1");
        String sinkId = api.get("/api/sinks/dl-hook").get("id").asString();
        fixture.sql("INSERT INTO orders VALUES (1, 'a')", "INSERT INTO orders VALUES (2, 'b')",
                "INSERT INTO orders VALUES (3, 'c')", "INSERT INTO items VALUES (7, 'widget \"x\"')");
        await("4 dead letters", WAIT, () -> list("").size() == 4);
        // Pause so that replayed messages stay in the backlog for the assertions below.
        assertThat(api.patch("/api/sinks/dl-hook", "{\"status\": \"paused\"}").status()).isEqualTo(200);

        // List: newest first, no payload, attempts and error from the failed delivery.
        List<JsonNode> all = list("");
        JsonNode first = all.get(0);
        assertThat(first.get("sink_id").asString()).isEqualTo(sinkId);
        assertThat(first.get("attempts").asInt()).isEqualTo(1);
        assertThat(first.get("error").asString()).contains("500");
        assertThat(first.has("record")).isFalse();
        assertThat(all).extracting(n -> n.get("table").asString())
                .containsExactlyInAnyOrder("public.orders", "public.orders", "public.orders", "public.items");

        // Filters and keyset paging.
        assertThat(list("?table=public.items")).singleElement()
                .satisfies(n -> assertThat(n.get("record_pks").get(0).asString()).isEqualTo("7"));
        assertThat(list("?error=HTTP%20500")).hasSize(4);
        assertThat(list("?error=no-such-error")).isEmpty();
        List<JsonNode> page1 = list("?limit=3");
        List<JsonNode> page2 = list("?limit=3&before=" + page1.get(2).get("id").asString());
        assertThat(page1).hasSize(3);
        assertThat(page2).hasSize(1);
        assertThat(page2.get(0).get("id").asString()).isNotIn(page1.stream().map(n -> n.get("id").asString()).toList());
        assertThat(list("?before=2000-01-01T00:00:00Z")).isEmpty();
        assertThat(list("?before=2999-01-01T00:00:00Z")).hasSize(4);

        // Inspect: the exact bytes the receiver was sent.
        JsonNode item = list("?table=public.items").get(0);
        ApiClient.Response shown = api.get("/api/sinks/dl-hook/dead_letters/" + item.get("id").asString());
        assertThat(shown.status()).as(shown.text()).isEqualTo(200);
        String sent = fixture.received().stream()
                .filter(r -> r.body().contains("\"idempotency_key\":\"" + item.get("idempotency_key").asString() + "\""))
                .findFirst().orElseThrow().body();
        assertThat(shown.text()).contains("\"message\":" + sent);
        assertThat(shown.get("message").get("record").get("name").asString()).isEqualTo("widget \"x\"");
        assertThat(shown.get("message").get("metadata").get("consumer").get("name").asString()).isEqualTo("dl-hook");
        assertThat(api.get("/api/sinks/" + sinkId + "/dead_letters/" + item.get("id").asString()).status())
                .as("sink by id").isEqualTo(200);

        // Replay two orders: into sink_messages in one transaction, gone from dead_letters. The sink
        // is paused first, so the replayed messages stay in its backlog to be looked at.
        assertThat(api.patch("/api/sinks/dl-hook", "{\"status\": \"paused\"}").status()).isEqualTo(200);
        List<JsonNode> orders = list("?table=public.orders");
        String id1 = orders.get(0).get("id").asString();
        String id2 = orders.get(1).get("id").asString();
        ApiClient.Response replayed = api.post("/api/sinks/dl-hook/dead_letters/replay",
                "{\"ids\": [\"" + id1 + "\", \"" + id2 + "\", \"00000000-0000-0000-0000-000000000000\"], \"reason\": \"fixed\"}");
        assertThat(replayed.status()).as(replayed.text()).isEqualTo(200);
        assertThat(replayed.get("success").asBoolean()).isTrue();
        assertThat(replayed.get("count").asInt()).as("unknown ids are ignored").isEqualTo(2);
        List<Map<String, Object>> backlog = jdbc.queryForList(
                "SELECT commit_lsn::text AS lsn, commit_idx, group_key, record_pks, record, attempts FROM sink_messages"
                        + " WHERE sink_id = ?::uuid ORDER BY commit_lsn, commit_idx", sinkId);
        assertThat(backlog).hasSize(2);
        // Dead letters list newest first; the backlog holds them in commit order.
        List<JsonNode> byCommit = orders.subList(0, 2).stream()
                .sorted(java.util.Comparator.comparing((JsonNode n) -> new java.math.BigDecimal(n.get("commit_lsn").asString()))
                        .thenComparing(n -> n.get("commit_idx").asInt()))
                .toList();
        assertThat(backlog).extracting(m -> m.get("lsn")).containsExactly(
                byCommit.get(0).get("commit_lsn").asString(), byCommit.get(1).get("commit_lsn").asString());
        assertThat(backlog.get(0).get("record_pks")).isEqualTo("[\"" + byCommit.get(0).get("record_pks").get(0).asString() + "\"]");
        assertThat(backlog.get(0).get("group_key")).as("the queue's group key: table, unit separator, group id")
                .isEqualTo("public.orders\u001F" + byCommit.get(0).get("record_pks").get(0).asString());
        assertThat((String) backlog.get(0).get("record")).startsWith("{\"id\":");
        assertThat(backlog.get(0).get("attempts")).isEqualTo(0);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dead_letters WHERE id IN (?::uuid, ?::uuid)", Long.class, id1, id2))
                .isZero();
        assertThat(api.post("/api/sinks/dl-hook/dead_letters/replay", "{\"ids\": [\"" + id1 + "\"]}").get("count").asInt())
                .as("already replayed").isZero();

        // Discard: all of one table, then the rest by id.
        ApiClient.Response discarded = api.post("/api/sinks/dl-hook/dead_letters/discard",
                "{\"all\": true, \"table\": \"public.items\"}");
        assertThat(discarded.status()).as(discarded.text()).isEqualTo(200);
        assertThat(discarded.get("count").asInt()).isEqualTo(1);
        String last = list("").get(0).get("id").asString();
        assertThat(api.post("/api/sinks/dl-hook/dead_letters/discard", "{\"ids\": [\"" + last + "\"]}").get("count").asInt())
                .isEqualTo(1);
        assertThat(list("")).isEmpty();

        // The audit trail: every store and every action.
        ApiClient.Response events = api.get("/api/sinks/dl-hook/dead_letters/events");
        assertThat(events.status()).as(events.text()).isEqualTo(200);
        List<JsonNode> trail = new ArrayList<>();
        events.get("data").forEach(trail::add);
        assertThat(trail).extracting(e -> e.get("event").asString())
                .containsExactly("discarded", "discarded", "replayed", "replayed", "stored", "stored", "stored", "stored");
        JsonNode replayEvent = trail.get(2);
        assertThat(replayEvent.get("reason").asString()).isEqualTo("fixed");
        assertThat(replayEvent.get("actor").asString()).isEqualTo("api-token");
        assertThat(List.of(id1, id2)).contains(replayEvent.get("dead_letter_id").asString());
        assertThat(trail.get(7).get("actor").asString()).isEqualTo("pipeline");
        assertThat(trail.get(7).get("reason").asString()).contains("500");
        assertThat(api.get("/api/sinks/dl-hook/dead_letters/events?event=replayed&limit=1").get("data")).hasSize(1);
        assertThat(api.get("/api/sinks/dl-hook/dead_letters/events?dead_letter_id=" + id1).get("data"))
                .extracting(e -> e.get("event").asString()).containsExactly("replayed", "stored");
    }

    @Test
    void badInputIsA4xxInSequinsShape() {
        fixture = PipelineFixture.create(api, "dl_bad", body -> true);
        fixture.sink("dl-bad", "\"max_retry_count\": 1");
        String base = "/api/sinks/dl-bad/dead_letters";

        assertSummary(api.get("/api/sinks/no-such-sink/dead_letters"), 404, "Sink not found: no-such-sink");
        assertSummary(api.post("/api/sinks/no-such-sink/dead_letters/replay", "{\"all\": true}"), 404, "Sink not found");
        assertSummary(api.get(base + "/00000000-0000-0000-0000-000000000000"), 404, "Dead letter not found");
        assertSummary(api.get(base + "/not-an-id"), 404, "Dead letter not found");
        assertSummary(api.get(base + "?limit=0"), 400, "Invalid `limit`");
        assertSummary(api.get(base + "?limit=1001"), 400, "Invalid `limit`");
        assertSummary(api.get(base + "?limit=ten"), 400, "Invalid request parameter");
        assertSummary(api.get(base + "?before=yesterday"), 400, "Invalid `before`");
        assertSummary(api.get(base + "?table=orders"), 400, "Invalid `table`");
        assertSummary(api.get(base + "/events?event=exploded"), 400, "Invalid `event`");
        assertSummary(api.get(base + "/events?dead_letter_id=x"), 400, "Invalid `dead_letter_id`");

        for (String op : List.of("replay", "discard")) {
            String path = base + "/" + op;
            assertSummary(api.post(path, ""), 400, "The request body must be a JSON object");
            assertSummary(api.post(path, "[]"), 400, "The request body must be a JSON object");
            assertSummary(api.post(path, "{not json"), 400, "Invalid JSON");
            assertSummary(api.post(path, "{\"idz\": []}"), 422, "Unknown field: idz");
            assertInvalid(api.post(path, "{}"), "ids");
            assertInvalid(api.post(path, "{\"ids\": []}"), "ids");
            assertInvalid(api.post(path, "{\"ids\": \"abc\"}"), "ids");
            assertInvalid(api.post(path, "{\"ids\": [\"abc\"]}"), "ids");
            assertInvalid(api.post(path, "{\"ids\": [1]}"), "ids");
            assertInvalid(api.post(path, "{\"all\": false}"), "all");
            assertInvalid(api.post(path, "{\"all\": \"yes\"}"), "all");
            assertInvalid(api.post(path, "{\"all\": true, \"ids\": [\"00000000-0000-0000-0000-000000000000\"]}"), "all");
            assertInvalid(api.post(path, "{\"all\": true, \"table\": \"orders\"}"), "table");
            assertInvalid(api.post(path, "{\"all\": true, \"reason\": 5}"), "reason");
            ApiClient.Response none = api.post(path, "{\"all\": true}");
            assertThat(none.status()).as(none.text()).isEqualTo(200);
            assertThat(none.get("count").asInt()).isZero();
        }
    }

    private static void assertSummary(ApiClient.Response r, int status, String summary) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.get("summary").asString()).as(r.text()).contains(summary);
    }

    private static void assertInvalid(ApiClient.Response r, String field) {
        assertThat(r.status()).as(r.text()).isEqualTo(422);
        assertThat(r.get("summary").asString()).isEqualTo("Validation failed");
        assertThat(r.get("validation_errors").has(field)).as(r.text()).isTrue();
    }
}
