package dev.sequin.app.e2e;

import static dev.sequin.app.e2e.TestReceiver.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sequin.app.AppIntegrationTest;
import dev.sequin.app.ApiClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A paused sink spills to its durable backlog: the active sink on the same slot is not held back,
 * the slot's confirmed position advances past what was spilled, and after resuming the paused
 * sink receives everything, in order per key.
 */
class SpillIT extends AppIntegrationTest {

    @Autowired
    JdbcTemplate ownState;

    @Test
    void aPausedSinkSpillsSoTheSlotAdvancesAndDrainsEverythingAfterResuming() {
        WebhookSource source = WebhookSource.create(api, "e2e_spill");
        try (TestReceiver active = new TestReceiver(); TestReceiver paused = new TestReceiver()) {
            source.webhookSink("spill-active", active.url(), null, null);
            source.webhookSink("spill-paused", paused.url(), null, "\"status\": \"paused\"");
            String pausedId = api.get("/api/sinks/spill-paused").get("id").asString();

            int rows = 5_000;
            source.sql("INSERT INTO orders (id, status) SELECT g, 'v0' FROM generate_series(1, " + rows + ") g",
                    "UPDATE orders SET status = 'v1', version = 1 WHERE id % 10 = 0");
            int expected = rows + rows / 10;
            long afterWrites = source.queryLong("SELECT pg_current_wal_insert_lsn() - '0/0'");

            await("the active sink receives everything", Duration.ofSeconds(60), () -> active.messages().size() == expected);
            await("the paused sink's messages are in its durable backlog", Duration.ofSeconds(30),
                    () -> storedFor(pausedId) == expected);
            await("the slot confirms past the spilled messages", Duration.ofSeconds(30),
                    () -> source.confirmedFlushLsn() >= afterWrites);
            assertThat(paused.accepted()).isEmpty();

            ApiClient.Response resumed = api.patch("/api/sinks/spill-paused", "{\"status\": \"active\"}");
            assertThat(resumed.status()).as(resumed.text()).isEqualTo(200);
            await("the resumed sink drains its backlog", Duration.ofSeconds(90), () -> paused.messages().size() >= expected);
            await("the backlog is empty", Duration.ofSeconds(30), () -> storedFor(pausedId) == 0);

            assertThat(paused.messages()).hasSize(expected);
            Map<Integer, String> lastAction = new HashMap<>();
            for (JsonNode m : paused.messages()) {
                int id = m.get("record").get("id").asInt();
                String previous = lastAction.put(id, m.get("action").asString());
                if ("update".equals(m.get("action").asString())) {
                    assertThat(previous).as("row %d: insert before update", id).isEqualTo("insert");
                }
            }
            assertThat(lastAction).hasSize(rows);
        }
    }

    private long storedFor(String sinkId) {
        Long n = ownState.queryForObject("SELECT count(*) FROM sink_messages WHERE sink_id = ?::uuid", Long.class, sinkId);
        return n == null ? 0 : n;
    }
}
