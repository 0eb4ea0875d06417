package dev.sequin.app.e2e;

import static dev.sequin.app.e2e.TestReceiver.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sequin.app.ApiClient;
import dev.sequin.app.e2e.Puller.Received;
import dev.sequin.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A pull sink that nobody pulls for a while, then a restart with messages held: the packaged
 * service with a small memory budget, a {@code sequin_stream} sink and a webhook sink on one slot.
 *
 * <ul>
 *   <li>While nobody pulls, the stream sink spills to its durable backlog: the webhook sink gets
 *       every change and the slot confirms past them.</li>
 *   <li>After a SIGKILL with messages handed out and not acknowledged, those are handed out
 *       again; acknowledged ones never are; every change reaches the pullers exactly once after
 *       acking, in per-key order.</li>
 * </ul>
 */
class PullRestartIT {

    private static final String TOKEN = "pull-restart-token-0123456789";
    private static final int ROWS = 2_000;

    @Test
    void anIdleConsumerStallsNoOneAndHeldMessagesSurviveARestart() throws Exception {
        TestPostgres pg = TestPostgres.shared();
        String state = pg.createDatabase("pull_restart_state");
        Path dir = Files.createTempDirectory("sequin-pull-restart");
        try (TestReceiver receiver = new TestReceiver();
             ServiceProcess service = new ServiceProcess(pg.url(state), TOKEN, dir.resolve("data"), dir.resolve("service.log"),
                     List.of("--sequin.pipeline.queue-capacity=200", "--sequin.pipeline.full-patience-ms=500",
                             "--sequin.pipeline.heartbeat-interval-ms=1000"))) {
            service.start();
            ApiClient api = new ApiClient(service.baseUrl(), TOKEN);
            WebhookSource source = WebhookSource.create(api, "pull_restart_src");
            source.streamSink("idle-stream", null);
            source.webhookSink("bystander-hook", receiver.url(), null, null, 100);

            source.sql("INSERT INTO orders (id, status) SELECT g, 'v0' FROM generate_series(1, " + (ROWS / 2) + ") g",
                    "UPDATE orders SET version = 1, status = 'v1'");
            long written = source.queryLong("SELECT pg_current_wal_lsn() - '0/0'");
            await("the webhook sink gets every change while the stream sink is not pulled", Duration.ofSeconds(60),
                    () -> receiver.acceptedMessageCount() >= ROWS);
            await("the slot confirms past the stream sink's spilled messages", Duration.ofSeconds(60),
                    () -> source.confirmedFlushLsn() >= written);

            Puller puller = new Puller(api, "idle-stream");
            Set<String> acked = new HashSet<>();
            List<Received> first = puller.receive(100, 5_000);
            assertThat(first).isNotEmpty();
            puller.ack(first);
            first.forEach(r -> acked.add(r.idempotencyKey()));
            List<Received> held = puller.receive(50, 5_000);
            assertThat(held).isNotEmpty();

            service.kill();
            service.start();

            Set<String> heldKeys = new HashSet<>();
            held.forEach(r -> heldKeys.add(r.idempotencyKey()));
            Set<String> again = new HashSet<>();
            int[] lastVersion = new int[ROWS / 2 + 1];
            java.util.Arrays.fill(lastVersion, -1);
            for (Received r : first) {
                lastVersion[r.id()] = Math.max(lastVersion[r.id()], r.message().get("record").get("version").asInt());
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (acked.size() < ROWS && System.nanoTime() < deadline) {
                List<Received> batch = puller.receive(200, 2_000);
                for (Received r : batch) {
                    String key = r.idempotencyKey();
                    assertThat(acked).as("an acknowledged message handed out again").doesNotContain(key);
                    if (heldKeys.contains(key)) {
                        again.add(key);
                    }
                    int version = r.message().get("record").get("version").asInt();
                    assertThat(version).as("per-key order for row %d", r.id()).isGreaterThan(lastVersion[r.id()]);
                    lastVersion[r.id()] = version;
                    acked.add(key);
                }
                if (!batch.isEmpty()) {
                    assertThat(puller.ack(batch).status()).isEqualTo(200);
                }
            }
            assertThat(acked).hasSize(ROWS);
            assertThat(again).as("held, unacknowledged messages are handed out again after the restart")
                    .isEqualTo(heldKeys);
            assertThat(puller.receive(10, 1_000)).isEmpty();
        }
    }
}
