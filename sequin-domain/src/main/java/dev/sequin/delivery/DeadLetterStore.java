package dev.sequin.delivery;

import dev.sequin.message.ChangeMessage;
import java.util.List;
import java.util.UUID;

/**
 * Where messages go that will not be delivered: retries exhausted ({@code max_retry_count}),
 * rejected by the destination, or impossible to encode. Storing them durably is what lets a queue
 * move on without losing anything (invariant I5).
 */
public interface DeadLetterStore {

    /**
     * One message set aside.
     *
     * @param attempts delivery attempts made (0 when it was never sent)
     * @param reason   the last error, shown to operators
     */
    record DeadLetter(ChangeMessage change, int attempts, String reason) {
    }

    /** Records the messages durably, before they leave any queue. */
    void store(UUID sinkId, List<DeadLetter> deadLetters);
}
