package dev.sequin.app.e2e;

import static dev.sequin.app.e2e.TestReceiver.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sequin.app.ApiClient;
import dev.sequin.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The packaged service is killed with SIGKILL five times while 200,000 changes stream to a
 * receiver that records every request. After the last restart: every change has arrived, each
 * key's versions arrive (for the first time) in commit order, and the only messages that arrived twice are ones that were in
 * flight when a kill struck (first received within {@link #IN_FLIGHT_WINDOW} before it, or while
 * its bytes were still on the wire). A
 * delivery acknowledged before that window is never repeated: the delivered-ledger holds.
 */
class CrashRecoveryIT {

    private static final String TOKEN = "crash-token-0123456789";
    private static final int KEYS = 2_000;
    private static final int TRANSACTIONS = 200;
    private static final int CHANGES_PER_TRANSACTION = 1_000;
    private static final Duration IN_FLIGHT_WINDOW = Duration.ofSeconds(2);

    @Test
    void sigkillFiveTimesMidStreamLosesNothingAndRepeatsOnlyWhatWasInFlight() throws Exception {
        TestPostgres pg = TestPostgres.shared();
        String state = pg.createDatabase("crash_state");
        Path dir = Files.createTempDirectory("sequin-crash");
        List<Long> kills = new CopyOnWriteArrayList<>();
        try (TestReceiver receiver = new TestReceiver();
             ServiceProcess service = new ServiceProcess(pg.url(state), TOKEN, dir.resolve("data"), dir.resolve("service.log"),
                     List.of("--sequin.pipeline.retry-initial-ms=100", "--sequin.pipeline.retry-max-ms=1000",
                             "--sequin.pipeline.heartbeat-interval-ms=1000"))) {
            service.start();
            ApiClient api = new ApiClient(service.baseUrl(), TOKEN);
            WebhookSource source = WebhookSource.create(api, "crash_src");
            source.webhookSink("crash-hook", receiver.url(), null, null, 100);
            source.sql("INSERT INTO orders (id, status) SELECT g, 'v0' FROM generate_series(1, " + KEYS + ") g");

            AtomicReference<Throwable> writerFailure = new AtomicReference<>();
            Thread writer = new Thread(() -> write(source, writerFailure), "crash-writer");
            writer.start();
            for (int i = 0; i < 5; i++) {
                Thread.sleep(ThreadLocalRandom.current().nextLong(800, 2_500));
                kills.add(System.nanoTime());
                service.kill();
                service.start();
            }
            writer.join();
            assertThat(writerFailure.get()).isNull();

            int expected = KEYS + TRANSACTIONS * CHANGES_PER_TRANSACTION;
            try {
                await("every change after the last restart", Duration.ofMinutes(3),
                        () -> receiver.acceptedMessageCount() >= expected && distinctKeys(receiver).size() >= expected);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + ": " + distinctKeys(receiver).size() + " of " + expected
                        + " distinct changes arrived (" + receiver.acceptedMessageCount() + " with repeats); failing: "
                        + api.get("/api/sinks/crash-hook/messages").text(), e);
            }

            Map<String, Long> firstSeen = new HashMap<>();
            Map<Integer, Integer> lastVersion = new HashMap<>();
            List<String> repeatedOutsideWindow = new ArrayList<>();
            Map<Integer, List<String>> history = new HashMap<>();
            List<Integer> outOfOrder = new ArrayList<>();
            for (TestReceiver.Received request : receiver.accepted()) {
                for (JsonNode m : request.json().get("data")) {
                    String key = m.get("metadata").get("idempotency_key").asString();
                    int id = m.get("record").get("id").asInt();
                    int version = m.get("record").get("version").asInt();
                    history.computeIfAbsent(id, k -> new ArrayList<>()).add(version + "@" + m.get("metadata").get("commit_lsn")
                            + "/" + m.get("metadata").get("commit_idx") + " t=" + (request.atNanos() - kills.get(0)) / 1_000_000);
                    Long first = firstSeen.putIfAbsent(key, request.atNanos());
                    if (first != null) {
                        // A repeat: allowed only for what was in flight when a kill struck.
                        if (!inFlightAtAKill(first, kills)) {
                            repeatedOutsideWindow.add(key + " first at " + (first - kills.get(0)) / 1_000_000
                                    + " ms, again at " + (request.atNanos() - kills.get(0)) / 1_000_000 + " ms");
                        }
                        continue;
                    }
                    // First arrivals of a row's changes come in commit order.
                    Integer previous = lastVersion.put(id, version);
                    if (previous != null && previous >= version) {
                        outOfOrder.add(id);
                    }
                }
            }
            assertThat(outOfOrder).as("rows whose versions arrived out of order; first: %s; kills at %s",
                    outOfOrder.isEmpty() ? "" : history.get(outOfOrder.get(0)),
                    kills.stream().map(k -> (k - kills.get(0)) / 1_000_000).toList()).isEmpty();
            assertThat(firstSeen).hasSize(expected);
            assertThat(repeatedOutsideWindow).as("acknowledged messages delivered again (kills at %s ms)",
                    kills.stream().map(k -> (k - kills.get(0)) / 1_000_000).toList()).isEmpty();
            assertThat(lastVersion).hasSize(KEYS);
            long total = lastVersion.values().stream().mapToLong(Integer::longValue).sum();
            assertThat(total).as("every update arrived").isEqualTo((long) TRANSACTIONS * CHANGES_PER_TRANSACTION);
        }
    }

    /** Updates random keys, 1,000 per transaction, paced over roughly ten seconds. */
    private static void write(WebhookSource source, AtomicReference<Throwable> failure) {
        try (Connection c = source.connect();
             PreparedStatement update = c.prepareStatement("UPDATE orders SET version = version + 1 WHERE id = ?")) {
            c.setAutoCommit(false);
            for (int t = 0; t < TRANSACTIONS; t++) {
                for (int i = 0; i < CHANGES_PER_TRANSACTION; i++) {
                    update.setInt(1, ThreadLocalRandom.current().nextInt(1, KEYS + 1));
                    update.addBatch();
                }
                update.executeBatch();
                c.commit();
                Thread.sleep(40);
            }
        } catch (Exception e) {
            failure.set(e);
        }
    }

    private static boolean inFlightAtAKill(long firstReceivedNanos, List<Long> kills) {
        for (long kill : kills) {
            // A request already on the wire still lands a few milliseconds after SIGKILL is sent.
            long afterKill = firstReceivedNanos - kill;
            if (afterKill <= Duration.ofMillis(500).toNanos() && -afterKill <= IN_FLIGHT_WINDOW.toNanos()) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> distinctKeys(TestReceiver receiver) {
        Set<String> keys = new HashSet<>();
        for (JsonNode m : receiver.messages()) {
            keys.add(m.get("metadata").get("idempotency_key").asString());
        }
        return keys;
    }
}
