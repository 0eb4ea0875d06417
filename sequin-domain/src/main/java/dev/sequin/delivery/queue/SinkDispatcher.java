package dev.sequin.delivery.queue;

import dev.sequin.delivery.Backoff;
import dev.sequin.delivery.DeadLetterStore;
import dev.sequin.delivery.DeliveryOutcome;
import dev.sequin.delivery.SinkClient;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains one sink's queue into its client: takes batches whose groups are free, sends up to
 * {@code maxInFlight} of them at once, and applies each outcome — ack, retry after the backoff,
 * or dead-letter when attempts are exhausted or the destination rejects the messages.
 *
 * <p>One thread per sink waits for work; sending is asynchronous. A paused dispatcher sends
 * nothing while its queue keeps filling.
 */
public final class SinkDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SinkDispatcher.class);
    private static final long IDLE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    /**
     * @param maxRetryCount total attempts before a message is dead-lettered; {@code null} retries
     *                      forever. As in Sequin, 0 and 1 both mean a single attempt.
     */
    public record Settings(UUID sinkId, String sinkName, int batchSize, int maxInFlight, Integer maxRetryCount) {
    }

    private final Settings settings;
    private final SinkBacklog backlog;
    private final SinkQueue queue;
    private final SinkClient client;
    private final Backoff backoff;
    private final RetryLimit retryLimit;
    private final DeliveryListener listener;
    private final AtomicInteger inFlightBatches = new AtomicInteger();
    private final Thread thread;
    private volatile boolean paused;
    private volatile boolean running = true;

    public SinkDispatcher(Settings settings, SinkBacklog backlog, SinkClient client, Backoff backoff,
                          DeadLetterStore deadLetters, DeliveryListener listener, boolean paused) {
        this.settings = settings;
        this.backlog = backlog;
        this.queue = backlog.queue();
        this.client = client;
        this.backoff = backoff;
        this.retryLimit = new RetryLimit(settings.sinkId(), settings.maxRetryCount(), deadLetters);
        this.listener = listener;
        this.paused = paused;
        this.thread = new Thread(this::run, "deliver-" + settings.sinkName());
        this.thread.setDaemon(true);
    }

    public SinkDispatcher start() {
        listener.started(settings, queue);
        thread.start();
        return this;
    }

    public void setPaused(boolean paused) {
        this.paused = paused;
        queue.wake();
    }

    public boolean isPaused() {
        return paused;
    }

    private void run() {
        try {
            while (running) {
                long seen = queue.version();
                DeliveryBatch batch = null;
                if (!paused && inFlightBatches.get() < settings.maxInFlight()) {
                    batch = queue.poll(settings.batchSize(), System.currentTimeMillis());
                }
                if (batch == null) {
                    queue.awaitChange(seen, waitNanos());
                    continue;
                }
                send(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("Dispatcher of sink {} stopped unexpectedly", settings.sinkName(), e);
        }
    }

    private long waitNanos() {
        long due = queue.nextDueMillis();
        if (due == Long.MAX_VALUE) {
            return IDLE_WAIT_NANOS;
        }
        long millis = Math.max(1, due - System.currentTimeMillis());
        return Math.min(IDLE_WAIT_NANOS, TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private void send(DeliveryBatch batch) {
        inFlightBatches.incrementAndGet();
        long started = System.nanoTime();
        CompletableFuture<DeliveryOutcome> outcome;
        try {
            outcome = client.deliver(batch);
        } catch (RuntimeException e) {
            outcome = CompletableFuture.completedFuture(new DeliveryOutcome.RetryLater(describe(e)));
        }
        outcome.whenComplete((result, error) -> {
            DeliveryOutcome effective = error != null ? new DeliveryOutcome.RetryLater(describe(error)) : result;
            try {
                listener.attempted(settings, batch, effective, System.nanoTime() - started);
            } catch (RuntimeException e) {
                log.debug("Delivery listener failed", e);
            }
            try {
                apply(batch, effective);
            } catch (RuntimeException e) {
                log.error("Could not record the outcome of a delivery to sink {}", settings.sinkName(), e);
            } finally {
                inFlightBatches.decrementAndGet();
                queue.wake();
            }
        });
    }

    private void apply(DeliveryBatch batch, DeliveryOutcome outcome) {
        if (outcome instanceof DeliveryOutcome.Delivered) {
            backlog.acked(batch);
        } else if (outcome instanceof DeliveryOutcome.Rejected rejected) {
            deadLetter(batch, batch.messages(), rejected.reason());
        } else if (outcome instanceof DeliveryOutcome.RetryLater retry) {
            List<QueuedMessage> exhausted = retryLimit.exhausted(batch);
            if (!exhausted.isEmpty()) {
                retryLimit.deadLetter(exhausted, "max_retry_count reached: " + retry.reason());
                log.warn("Moved {} messages of sink {} to the dead-letter store after {} attempts: {}",
                        exhausted.size(), settings.sinkName(), settings.maxRetryCount(), retry.reason());
            }
            int attempts = batch.messages().get(0).attempts() + 1;
            long notBefore = System.currentTimeMillis() + backoff.delayAfter(attempts).toMillis();
            backlog.failed(batch, Set.copyOf(exhausted), retry.reason(), notBefore);
            log.debug("Delivery of {} messages to sink {} failed (attempt {}): {}", batch.size(),
                    settings.sinkName(), attempts, retry.reason());
        }
    }

    private void deadLetter(DeliveryBatch batch, List<QueuedMessage> messages, String reason) {
        retryLimit.deadLetter(messages, reason);
        backlog.failed(batch, Set.copyOf(messages), reason, 0);
        log.warn("Moved {} messages of sink {} to the dead-letter store: {}", messages.size(), settings.sinkName(), reason);
    }

    private static String describe(Throwable e) {
        Throwable cause = e.getCause() != null && e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    @Override
    public void close() {
        listener.stopped(settings, queue);
        running = false;
        thread.interrupt();
        client.close();
    }
}
