package dev.sequin.delivery.pull;

import dev.sequin.delivery.queue.QueuedMessage;
import java.util.UUID;

/**
 * A message handed out to a puller: invisible to every other receive until it is acknowledged,
 * nacked, or {@code visibleAtMillis} passes. Each hand-out gets a fresh {@code ackId}, so an
 * acknowledgement that arrives after the message was handed out again is ignored.
 *
 * @param receivedAtNanos {@link System#nanoTime()} of the hand-out, for delivery latency
 * @param visibleAtMillis epoch millis at which the message becomes visible again unacknowledged
 */
public record Lease(UUID ackId, QueuedMessage message, long receivedAtNanos, long visibleAtMillis) {

    Lease withVisibleAt(long millis) {
        return new Lease(ackId, message, receivedAtNanos, millis);
    }
}
