package dev.sequin.app.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequin.app.AppIntegrationTest;
import dev.sequin.delivery.queue.AckLedger;
import dev.sequin.delivery.queue.BacklogStore;
import dev.sequin.delivery.queue.DeliveryBatch;
import dev.sequin.delivery.queue.QueuedMessage;
import dev.sequin.delivery.queue.SinkBacklog;
import dev.sequin.delivery.queue.SinkQueue;
import dev.sequin.message.Lsn;
import dev.sequin.message.Position;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A sink's durable backlog in real Postgres, drained by a sink that accepts every batch at once. Half-way, rows appear below what
 * was already read (as replayed dead letters do): they must be delivered too, and every group
 * must still leave in commit order. The drain rate is logged (a measurement, not an assertion).
 */
class BacklogReadBackIT extends AppIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(BacklogReadBackIT.class);
    private static final int MESSAGES = 200_000;
    private static final int KEYS = 5_000;
    private static final int REPLAYED = 1_000;
    private static final int IN_FLIGHT = 16;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    BacklogStore store;
    @Autowired
    AckLedger ledger;

    @Test
    void aBacklogIsReadBackWholeInCommitOrderPerGroupIncludingRowsAddedBelowWhatWasRead() throws Exception {
        UUID sinkId = UUID.randomUUID();
        // Positions 1000000#0 …: 100 changes per transaction, keys cycling so each key has 40 versions.
        insertRows(sinkId, 1, MESSAGES, 1_000_000);

        Map<String, Position> lastByGroup = new ConcurrentHashMap<>();
        List<String> outOfOrder = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger delivered = new AtomicInteger();
        SinkBacklog backlog = new SinkBacklog(sinkId, "read-back", new SinkBacklog.Settings(20_000, 20_000,
                Duration.ofMinutes(2), 1_000, Duration.ofSeconds(5)), store, ledger, () -> Lsn.ZERO, () -> Lsn.ZERO, false);
        // A sink that accepts every batch at once, 100 messages each, with up to 16 batches in
        // flight whose acknowledgements are recorded on other threads, as the dispatcher does: the
        // read-back path and the acknowledgement writes alone set the pace.
        ExecutorService acks = Executors.newFixedThreadPool(IN_FLIGHT);
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        Thread sink = new Thread(() -> {
            SinkQueue queue = backlog.queue();
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    long seen = queue.version();
                    inFlight.acquire();
                    DeliveryBatch batch = queue.poll(100, System.currentTimeMillis());
                    if (batch == null) {
                        inFlight.release();
                        queue.awaitChange(seen, 20_000_000);
                        continue;
                    }
                    for (QueuedMessage m : batch.messages()) {
                        Position previous = lastByGroup.put(m.groupId(), m.change().position());
                        if (previous != null && previous.compareTo(m.change().position()) >= 0) {
                            outOfOrder.add(m.groupId() + ": " + previous + " then " + m.change().position());
                        }
                    }
                    acks.execute(() -> {
                        try {
                            backlog.acked(batch);
                            delivered.addAndGet(batch.size());
                        } finally {
                            inFlight.release();
                        }
                    });
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "read-back-sink");
        long started = System.nanoTime();
        backlog.start();
        sink.start();
        try {
            await("half of the backlog", () -> delivered.get() >= MESSAGES / 2);
            // Replayed dead letters: new keys, positions below everything stored.
            insertRows(sinkId, MESSAGES + 1, REPLAYED, 10);
            backlog.rescan();
            await("the whole backlog", () -> delivered.get() >= MESSAGES + REPLAYED);
            long elapsedNanos = System.nanoTime() - started;
            log.info("Drained {} messages from the durable backlog in {} ms: {} messages/s", delivered.get(),
                    elapsedNanos / 1_000_000, Math.round(delivered.get() * 1e9 / elapsedNanos));
            await("acknowledged rows deleted", () -> store.count(sinkId) == 0);
        } finally {
            sink.interrupt();
            sink.join();
            acks.shutdownNow();
            backlog.close();
        }
        assertThat(outOfOrder).as("groups delivered out of commit order").isEmpty();
        assertThat(delivered.get()).as("each message exactly once").isEqualTo(MESSAGES + REPLAYED);
        assertThat(lastByGroup).hasSize(KEYS + REPLAYED);
    }

    /**
     * Rows {@code first … first+count-1} as backlog messages: key {@code g % KEYS} (replayed rows:
     * their own keys), 100 changes per transaction from {@code baseLsn}.
     */
    private void insertRows(UUID sinkId, int first, int count, long baseLsn) {
        jdbc.update("""
                INSERT INTO sink_messages (sink_id, commit_lsn, commit_idx, group_key, action, table_schema, table_name,
                    commit_timestamp_us, record_pks, record)
                SELECT ?, ? + (g - ?) / 100, (g - ?) % 100, k::text, 'insert', 'public', 'orders', 0,
                       '["' || k || '"]', '{"id":' || k || ',"version":' || g || '}'
                FROM generate_series(?, ?) g, LATERAL (SELECT CASE WHEN g > ? THEN g ELSE g % ? END AS k) key
                """, sinkId, baseLsn, first, first, first, first + count - 1, MESSAGES, KEYS);
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
