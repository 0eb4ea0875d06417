package dev.sequin.delivery.queue;

import dev.sequin.message.ChangeMessage;
import dev.sequin.message.Position;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * A sink's durable backlog in our own Postgres ({@code sink_messages}): where messages wait when
 * memory is not the place for them, read back in commit order a page at a time.
 *
 * <p>Implementations must be safe to call from several threads.
 */
public interface BacklogStore {

    /** A message read back, with its retry state and queue group. */
    record StoredMessage(ChangeMessage change, String groupKey, int attempts, String lastError) {
    }

    /**
     * Stores messages; a message already stored for the sink at the same position is left as it
     * is (a change re-sent by Postgres after a restart is not stored twice).
     */
    void append(UUID sinkId, List<QueuedMessage> messages);

    /** Up to {@code limit} messages after {@code after} (exclusive), in commit order. */
    List<StoredMessage> page(UUID sinkId, Position after, int limit);

    /** Removes delivered (or dead-lettered) messages. */
    void delete(UUID sinkId, Collection<Position> positions);

    /** The position of the backlog's last message, if any. */
    java.util.Optional<Position> last(UUID sinkId);

    /** How many messages wait in the sink's backlog. */
    long count(UUID sinkId);
}
