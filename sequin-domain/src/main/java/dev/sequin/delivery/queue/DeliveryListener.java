package dev.sequin.delivery.queue;

import dev.sequin.delivery.DeliveryOutcome;

/**
 * What a {@link SinkDispatcher} tells an observer (metrics) about its work: when it starts and
 * stops draining a queue, and one call per batch outcome — never one per message, and nothing a
 * sink client calls itself (sinks never touch metrics).
 *
 * <p>Called on the dispatcher's threads and on whatever thread completes a delivery; an
 * implementation must be thread-safe, fast, non-blocking, and must not throw. The default does
 * nothing.
 */
public interface DeliveryListener {

    /** Observes nothing. */
    DeliveryListener NONE = new DeliveryListener() {
    };

    /**
     * A dispatcher started draining {@code queue}. A reconfigured sink gets a new dispatcher over
     * the same queue, so for one sink {@code started} of the new dispatcher may precede
     * {@code stopped} of the old one.
     */
    default void started(SinkDispatcher.Settings sink, SinkQueue queue) {
    }

    /** A dispatcher stopped (closed); it sends nothing more. */
    default void stopped(SinkDispatcher.Settings sink, SinkQueue queue) {
    }

    /**
     * One delivery attempt of a batch finished.
     *
     * @param outcome      as the dispatcher applies it: a client that threw or whose future
     *                     failed arrives as {@link DeliveryOutcome.RetryLater}
     * @param elapsedNanos from handing the batch to the client to the outcome
     */
    default void attempted(SinkDispatcher.Settings sink, DeliveryBatch batch, DeliveryOutcome outcome, long elapsedNanos) {
    }
}
