package dev.sequin.delivery.pull;

import dev.sequin.delivery.DeadLetterStore;
import dev.sequin.delivery.DeliveryOutcome;
import dev.sequin.delivery.queue.DeliveryBatch;
import dev.sequin.delivery.queue.DeliveryListener;
import dev.sequin.delivery.queue.QueuedMessage;
import dev.sequin.delivery.queue.RetryLimit;
import dev.sequin.delivery.queue.SinkBacklog;
import dev.sequin.delivery.queue.SinkDispatcher;
import dev.sequin.delivery.queue.SinkQueue;
import dev.sequin.message.MessageEncoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code sequin_stream} sink's consumer group (contract §3): hands out messages from the
 * sink's queue to any number of competing pullers, one message per group at a time, and settles
 * them on ack, nack or visibility expiry.
 *
 * <ul>
 *   <li><b>Long-poll:</b> a receive that finds nothing waits on the queue's change signal, so it
 *       returns as soon as a message arrives (or a held one becomes visible), not on a timer.</li>
 *   <li><b>{@code max_waiting}:</b> a receive that would wait while that many already wait is
 *       refused ({@link TooManyWaitingReceives}).</li>
 *   <li><b>{@code max_ack_pending}:</b> nothing more is handed out while that many are held.</li>
 *   <li><b>Visibility:</b> a held message becomes visible again {@code ack_wait_ms} after it was
 *       handed out; that and a nack count as a failed attempt, and {@code max_retry_count} moves
 *       it to the dead-letter store as for pushing sinks.</li>
 * </ul>
 *
 * <p>Held messages stay in the queue as in flight, so they hold back the slot's flush watermark
 * (or stay in the durable backlog) until acknowledged: a restart hands them out again.
 *
 * <p>Thread-safe: receive, ack and nack come from request threads; one thread per consumer
 * expires leases.
 */
public final class PullConsumer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PullConsumer.class);
    private static final long SWEEP_MAX_WAIT_MILLIS = 1_000;

    /**
     * @param visibility    how long a handed-out message stays invisible ({@code ack_wait_ms})
     * @param maxRetryCount hand-outs before a message is dead-lettered; {@code null} = no limit
     * @param maxWaiting    receives allowed to wait at once
     * @param maxAckPending messages held (handed out, not settled) at most
     */
    public record Settings(UUID sinkId, String sinkName, Duration visibility, Integer maxRetryCount,
                           int maxWaiting, int maxAckPending) {
    }

    private final SinkBacklog backlog;
    private final SinkQueue queue;
    private final DeadLetterStore deadLetters;
    private final DeliveryListener listener;
    private final Leases leases = new Leases();
    private final AtomicInteger waiting = new AtomicInteger();
    /** Serialises hand-outs, so concurrent receives never hold more than {@code max_ack_pending}. */
    private final Object handOut = new Object();
    private final Thread visibilityThread;
    private volatile Settings settings;
    private volatile MessageEncoder encoder;
    private volatile boolean paused;
    private volatile boolean running = true;

    public PullConsumer(Settings settings, MessageEncoder encoder, SinkBacklog backlog, DeadLetterStore deadLetters,
                        DeliveryListener listener, boolean paused) {
        this.settings = settings;
        this.encoder = encoder;
        this.backlog = backlog;
        this.queue = backlog.queue();
        this.deadLetters = deadLetters;
        this.listener = listener;
        this.paused = paused;
        this.visibilityThread = new Thread(this::expireLoop, "visibility-" + settings.sinkName());
        this.visibilityThread.setDaemon(true);
    }

    public PullConsumer start() {
        listener.started(reported(), queue);
        visibilityThread.start();
        return this;
    }

    /** Applies changed settings in place: held messages stay held under their ack ids. */
    public void reconfigure(Settings newSettings, MessageEncoder newEncoder, boolean nowPaused) {
        settings = newSettings;
        encoder = newEncoder;
        paused = nowPaused;
        queue.wake();
    }

    /** Writes messages as this sink's consumers see them. */
    public MessageEncoder encoder() {
        return encoder;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Hands out up to {@code batchSize} visible messages, waiting up to {@code waitFor} for the
     * first one. Returns an empty list when nothing arrived in time (or the sink is paused).
     *
     * @throws TooManyWaitingReceives when this receive would wait and {@code max_waiting} receives
     *                                already do
     */
    public List<Lease> receive(int batchSize, Duration waitFor) throws InterruptedException {
        long deadline = System.nanoTime() + waitFor.toNanos();
        boolean counted = false;
        try {
            while (true) {
                long seen = queue.version();
                List<Lease> handed = handOut(batchSize);
                long remaining = deadline - System.nanoTime();
                if (!handed.isEmpty() || remaining <= 0 || !running) {
                    return handed;
                }
                if (!counted) {
                    int max = settings.maxWaiting();
                    if (waiting.incrementAndGet() > max) {
                        waiting.decrementAndGet();
                        throw new TooManyWaitingReceives(max);
                    }
                    counted = true;
                }
                queue.awaitChange(seen, Math.min(remaining, untilNextDueNanos()));
            }
        } finally {
            if (counted) {
                waiting.decrementAndGet();
            }
        }
    }

    /** A nacked-with-delay group becomes due without a queue change: wake for it too. */
    private long untilNextDueNanos() {
        long due = queue.nextDueMillis();
        return due == Long.MAX_VALUE ? Long.MAX_VALUE
                : TimeUnit.MILLISECONDS.toNanos(Math.max(1, due - System.currentTimeMillis()));
    }

    private List<Lease> handOut(int batchSize) {
        if (paused) {
            return List.of();
        }
        synchronized (handOut) {
            int room = Math.min(batchSize, settings.maxAckPending() - leases.size());
            if (room <= 0) {
                return List.of();
            }
            long now = System.currentTimeMillis();
            DeliveryBatch batch = queue.poll(room, 1, now);
            if (batch == null) {
                return List.of();
            }
            long visibleAt = now + settings.visibility().toMillis();
            long received = System.nanoTime();
            List<Lease> handed = new ArrayList<>(batch.size());
            for (QueuedMessage m : batch.messages()) {
                handed.add(new Lease(ackId(), m, received, visibleAt));
            }
            leases.add(handed);
            return handed;
        }
    }

    /** A random (version 4) UUID without {@code SecureRandom}: ack ids need to be unique, not secret. */
    private static UUID ackId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(msb, lsb);
    }

    /** Acknowledges held messages: they leave for good. Unknown or expired ids are ignored. */
    public int ack(Collection<UUID> ackIds) {
        List<Lease> settled = leases.remove(ackIds);
        if (!settled.isEmpty()) {
            DeliveryBatch batch = batchOf(settled);
            backlog.acked(batch);
            report(batch, settled, new DeliveryOutcome.Delivered());
        }
        return settled.size();
    }

    /**
     * Makes held messages visible again after {@code delay} (at once for zero), counting a failed
     * attempt. Unknown or expired ids are ignored.
     */
    public int nack(Collection<UUID> ackIds, Duration delay) {
        List<Lease> settled = leases.remove(ackIds);
        if (!settled.isEmpty()) {
            retry(settled, "nacked by a consumer", delay);
        }
        return settled.size();
    }

    /** Keeps held messages invisible for {@code visibility} from now (our extension). */
    public int extend(Collection<UUID> ackIds, Duration visibility) {
        return leases.reschedule(ackIds, System.currentTimeMillis() + visibility.toMillis());
    }

    private void retry(List<Lease> settled, String reason, Duration delay) {
        DeliveryBatch batch = batchOf(settled);
        RetryLimit limit = new RetryLimit(settings.sinkId(), settings.maxRetryCount(), deadLetters);
        List<QueuedMessage> exhausted = limit.exhausted(batch);
        if (!exhausted.isEmpty()) {
            limit.deadLetter(exhausted, "max_retry_count reached: " + reason);
            log.warn("Moved {} messages of sink {} to the dead-letter store after {} hand-outs: {}",
                    exhausted.size(), settings.sinkName(), settings.maxRetryCount(), reason);
        }
        backlog.failed(batch, Set.copyOf(exhausted), reason, System.currentTimeMillis() + delay.toMillis());
        report(batch, settled, new DeliveryOutcome.RetryLater(reason));
    }

    private void expireLoop() {
        while (running) {
            try {
                List<Lease> expired = leases.awaitExpired(SWEEP_MAX_WAIT_MILLIS);
                if (!expired.isEmpty() && running) {
                    retry(expired, "not acknowledged within ack_wait_ms (" + settings.visibility().toMillis() + " ms)",
                            Duration.ZERO);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Could not expire held messages of sink {}", settings.sinkName(), e);
            }
        }
    }

    private static DeliveryBatch batchOf(List<Lease> settled) {
        List<QueuedMessage> messages = new ArrayList<>(settled.size());
        for (Lease lease : settled) {
            messages.add(lease.message());
        }
        return new DeliveryBatch(messages);
    }

    private void report(DeliveryBatch batch, List<Lease> settled, DeliveryOutcome outcome) {
        try {
            long oldest = Long.MAX_VALUE;
            for (Lease lease : settled) {
                oldest = Math.min(oldest, lease.receivedAtNanos());
            }
            listener.attempted(reported(), batch, outcome, System.nanoTime() - oldest);
        } catch (RuntimeException e) {
            log.debug("Delivery listener failed", e);
        }
    }

    /** The settings as delivery observers know them (one message per group at a time). */
    private SinkDispatcher.Settings reported() {
        Settings s = settings;
        return new SinkDispatcher.Settings(s.sinkId(), s.sinkName(), 1, s.maxAckPending(), s.maxRetryCount());
    }

    /**
     * Stops handing out; held messages become visible again at once, so whatever drains the
     * queue next (a restarted consumer, or a dispatcher when the sink changed type) gets them.
     */
    @Override
    public void close() {
        running = false;
        visibilityThread.interrupt();
        List<Lease> held = leases.removeAll();
        if (!held.isEmpty()) {
            backlog.failed(batchOf(held), Set.of(), "consumer stopped", 0);
        }
        queue.wake();
        listener.stopped(reported(), queue);
    }
}
