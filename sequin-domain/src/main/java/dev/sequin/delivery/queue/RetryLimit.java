package dev.sequin.delivery.queue;

import dev.sequin.delivery.DeadLetterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A sink's {@code max_retry_count} and where messages go when they reach it: the one rule shared
 * by everything that drains a queue (pushing dispatchers and the pull API), so a message is
 * dead-lettered after the same number of attempts whichever way it leaves.
 *
 * @param maxRetryCount total attempts before a message is dead-lettered; {@code null} retries
 *                      forever. As in Sequin, 0 and 1 both mean a single attempt.
 */
public record RetryLimit(UUID sinkId, Integer maxRetryCount, DeadLetterStore deadLetters) {

    /**
     * The messages whose attempt that just failed was their last. A group's first messages have
     * the most attempts, so these form a prefix per group, as {@link SinkQueue#fail} requires.
     */
    public List<QueuedMessage> exhausted(DeliveryBatch batch) {
        List<QueuedMessage> done = new ArrayList<>();
        if (maxRetryCount != null) {
            for (QueuedMessage m : batch.messages()) {
                if (m.attempts() + 1 >= Math.max(maxRetryCount, 1)) {
                    done.add(m);
                }
            }
        }
        return done;
    }

    /** Records the messages in the dead-letter store, counting the attempt that just ended. */
    public void deadLetter(List<QueuedMessage> messages, String reason) {
        if (messages.isEmpty()) {
            return;
        }
        List<DeadLetterStore.DeadLetter> letters = new ArrayList<>(messages.size());
        for (QueuedMessage m : messages) {
            letters.add(new DeadLetterStore.DeadLetter(m.change(), m.attempts() + 1, reason));
        }
        deadLetters.store(sinkId, letters);
    }
}
