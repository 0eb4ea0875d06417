package dev.sequin.delivery;

import dev.sequin.delivery.queue.DeliveryBatch;
import java.util.concurrent.CompletableFuture;

/**
 * The small interface every sink type implements: turn a batch into an outcome. A sink client
 * never sleeps, loops, retries across attempts, logs per message or touches metrics; the
 * dispatcher owns retry, ordering and bookkeeping.
 *
 * <p>Called from the dispatcher's thread; the returned future may complete on any thread and must
 * always complete (time-outs included), never exceptionally for a delivery failure.
 */
public interface SinkClient extends AutoCloseable {

    CompletableFuture<DeliveryOutcome> deliver(DeliveryBatch batch);

    @Override
    default void close() {
    }
}
