package dev.sequin.app.metrics;

import static dev.sequin.app.deadletters.PipelineFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sequin.app.AppIntegrationTest;
import dev.sequin.app.deadletters.PipelineFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Scrapes {@code /metrics} on the management port after real deliveries: one accepted, one
 * refused and dead-lettered, and one waiting for a paused sink. Series must carry Sequin's names
 * and only bounded tags.
 */
@TestPropertySource(properties = "sequin.metrics.poll-interval-ms=200")
class MetricsIT extends AppIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalManagementPort
    int managementPort;

    private PipelineFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private String scrape() {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            return r.body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The value of the one sample of {@code series} (name and exact label set), or {@code null}. */
    private static Double sample(String scrape, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(scrape);
        while (m.find()) {
            if (sortedLabels(m.group(1)).equals(sortedLabels(labels))) {
                return Double.parseDouble(m.group(2));
            }
        }
        return null;
    }

    private static String sortedLabels(String labels) {
        return java.util.Arrays.stream(labels.split(",(?=[a-z_]+=\")")).map(String::trim).filter(s -> !s.isEmpty())
                .sorted().reduce((a, b) -> a + "," + b).orElse("");
    }

    @Test
    void slotSizeSpilledAndDeadLetteredSeriesCarrySequinsNamesAndTags() {
        fixture = PipelineFixture.create(api, "metrics_src", body -> body.contains("poison"));
        fixture.sink("metrics-hook", "\"max_retry_count\": 1");
        String sinkId = api.get("/api/sinks/metrics-hook").get("id").asString();
        String slotId = api.get("/api/postgres_databases/" + fixture.source).get("replication_slots").get(0).get("id").asString();
        fixture.sql("INSERT INTO orders VALUES (1, 'fine')", "INSERT INTO orders VALUES (2, 'poison')");
        await("one accepted and one refused", WAIT, () -> fixture.received().size() >= 2);

        String sink = "consumer_id=\"" + sinkId + "\",consumer_name=\"metrics-hook\"";
        await("dead-lettered count", WAIT, () -> Double.valueOf(1).equals(
                sample(scrape(), "sequin_messages_dead_lettered_count_total", sink)));
        String slot = "database_name=\"" + fixture.source + "\",replication_slot_id=\"" + slotId
                + "\",slot_name=\"slot_" + fixture.database + "\"";
        await("slot size", WAIT, () -> {
            Double size = sample(scrape(), "sequin_replication_slot_size", slot);
            return size != null && !size.isNaN() && size >= 0;
        });
        // Slots and backlogs are polled one after the other: wait for the backlog series too.
        await("spilled", WAIT, () -> sample(scrape(), "sequin_messages_spilled", sink) != null);
        String scrape = scrape();
        assertThat(sample(scrape, "sequin_replication_slot_size_mb", slot)).isNotNull();
        assertThat(scrape).doesNotContain("idempotency").doesNotContain("127.0.0.1");

        // Health: the sink dead-lettered a message just now (error); its database streams (ok).
        String databaseId = api.get("/api/postgres_databases/" + fixture.source).get("id").asString();
        String sinkEntity = entity("sink", sinkId, "metrics-hook");
        await("the sink's health", WAIT, () -> Double.valueOf(1).equals(sample(scrape(), "sequin_entity_health",
                sinkEntity + ",status=\"error\"")));
        await("the database's health", WAIT, () -> Double.valueOf(1).equals(sample(scrape(), "sequin_entity_health",
                entity("database", databaseId, fixture.source) + ",status=\"ok\"")));
        scrape = scrape();
        assertHealth(scrape, sinkEntity, "error");
        assertHealth(scrape, entity("database", databaseId, fixture.source), "ok");
        assertHealth(scrape, entity("replication_slot", slotId, "slot_" + fixture.database), "ok");

        // Nothing waits: the oldest message's age is sampled as 0, in the lowest bucket.
        await("an oldest-message age sample", WAIT, () -> {
            Double count = sample(scrape(), "sequin_oldest_message_age_ms_count", sink);
            return count != null && count >= 1;
        });
        scrape = scrape();
        Double samples = sample(scrape, "sequin_oldest_message_age_ms_count", sink);
        assertThat(sample(scrape, "sequin_oldest_message_age_ms_bucket", sink + ",le=\"1000.0\"")).isEqualTo(samples);
        assertThat(sample(scrape, "sequin_oldest_message_age_ms_bucket", sink + ",le=\"3600000.0\"")).isEqualTo(samples);
    }

    /**
     * A paused sink's health is {@code paused}; the age of its oldest undelivered message, stored
     * in its durable backlog, grows with every poll.
     */
    @Test
    void aPausedSinksHealthAndTheAgeOfItsOldestWaitingMessage() {
        fixture = PipelineFixture.create(api, "metrics_age", body -> false);
        fixture.sink("metrics-paused", "\"status\": \"paused\"");
        String sinkId = api.get("/api/sinks/metrics-paused").get("id").asString();
        String sink = "consumer_id=\"" + sinkId + "\",consumer_name=\"metrics-paused\"";
        fixture.sql("INSERT INTO orders VALUES (1, 'waits')");
        await("the message in the durable backlog", WAIT,
                () -> Double.valueOf(1).equals(sample(scrape(), "sequin_messages_spilled", sink)));
        await("its age past a second", WAIT, () -> {
            Double max = sample(scrape(), "sequin_oldest_message_age_ms_max", sink);
            return max != null && max >= 1_000;
        });
        String scrape = scrape();
        assertHealth(scrape, entity("sink", sinkId, "metrics-paused"), "paused");
        assertThat(sample(scrape, "sequin_oldest_message_age_ms_bucket", sink + ",le=\"1000.0\""))
                .as("samples of a second or more land above the lowest bucket")
                .isLessThan(sample(scrape, "sequin_oldest_message_age_ms_count", sink));
        assertThat(fixture.received()).isEmpty();
    }

    private static String entity(String type, String id, String name) {
        return "entity_type=\"" + type + "\",entity_id=\"" + id + "\",entity_name=\"" + name + "\"";
    }

    /** One series per status: 1 for {@code expected}, 0 for the other three. */
    private static void assertHealth(String scrape, String entity, String expected) {
        for (String status : java.util.List.of("ok", "warn", "error", "paused")) {
            assertThat(sample(scrape, "sequin_entity_health", entity + ",status=\"" + status + "\""))
                    .as("%s status=%s", entity, status).isEqualTo(status.equals(expected) ? 1.0 : 0.0);
        }
    }

    /**
     * Needs {@code SinkDispatcher} to call {@link dev.sequin.delivery.queue.DeliveryListener}
     * (wired by the pipeline's owner): queue gauges, delivery counters and the latency histogram.
     */
    @Test
    void deliverySeriesAreFedOncePerBatch() {
        fixture = PipelineFixture.create(api, "metrics_dlv", body -> body.contains("poison"));
        fixture.sink("metrics-dlv", "\"max_retry_count\": 1");
        String sinkId = api.get("/api/sinks/metrics-dlv").get("id").asString();
        String sink = "consumer_id=\"" + sinkId + "\",consumer_name=\"metrics-dlv\"";
        await("queue gauges", WAIT, () -> sample(scrape(), "sequin_messages_buffered", sink) != null);
        fixture.sql("INSERT INTO orders VALUES (1, 'fine')", "INSERT INTO orders VALUES (2, 'poison')");
        await("two attempts counted", WAIT, () -> Double.valueOf(2).equals(
                sample(scrape(), "sequin_message_deliver_attempt_count_total", sink)));

        String scrape = scrape();
        assertThat(sample(scrape, "sequin_message_deliver_success_count_total", sink)).isEqualTo(1.0);
        assertThat(sample(scrape, "sequin_message_deliver_failure_count_total", sink)).isEqualTo(1.0);
        assertThat(sample(scrape, "sequin_delivery_latency_us_count", sink + ",success=\"true\"")).isEqualTo(1.0);
        assertThat(sample(scrape, "sequin_delivery_latency_us_count", sink + ",success=\"false\"")).isEqualTo(1.0);
        assertThat(sample(scrape, "sequin_delivery_latency_us_bucket", sink + ",success=\"true\",le=\"5.0E7\"")).isEqualTo(1.0);
        // The attempt is counted before its outcome is applied: wait for the queue to settle.
        await("an empty queue", WAIT, () -> Double.valueOf(0).equals(sample(scrape(), "sequin_messages_buffered", sink)));
        scrape = scrape();
        assertThat(sample(scrape, "sequin_messages_in_delivery", sink)).isEqualTo(0.0);
        assertThat(sample(scrape, "sequin_messages_in_redelivery", sink)).isEqualTo(0.0);
    }
}
