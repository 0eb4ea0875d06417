package dev.sequin.delivery;

import dev.sequin.delivery.queue.QueuedMessage;
import java.util.List;
import java.util.UUID;

/**
 * Where messages go that will not be delivered: retries exhausted ({@code max_retry_count}) or
 * rejected by the destination. Storing them durably is what lets the queue move on without losing
 * anything (invariant I5).
 */
public interface DeadLetterStore {

    /**
     * Records the messages durably before they leave the queue.
     *
     * @param reason the last error, shown to operators
     */
    void store(UUID sinkId, List<QueuedMessage> messages, String reason);
}
