package dev.sequin.delivery.queue;

import java.time.Instant;
import java.util.List;

/**
 * A message whose delivery has failed at least once, as operators see it.
 *
 * @param nextAttemptAt when it will be tried again
 * @param lastError     what the last attempt ended with (status and a truncated body, or the
 *                      transport error); never the message payload
 */
public record FailingMessage(
        String table,
        List<String> recordPks,
        String idempotencyKey,
        long commitLsn,
        int commitIdx,
        String groupId,
        int attempts,
        Instant nextAttemptAt,
        String lastError) {
}
