package dev.sequin.delivery.queue;

import dev.sequin.message.Position;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** A {@link BacklogStore} for tests without a database: one sink, positions in commit order. */
final class InMemoryBacklogStore implements BacklogStore {

    final TreeMap<Position, StoredMessage> rows = new TreeMap<>();
    /** Where each page read started, in order. */
    final List<Position> pagesAfter = new ArrayList<>();

    @Override
    public synchronized void append(UUID sinkId, List<QueuedMessage> messages) {
        for (QueuedMessage m : messages) {
            rows.putIfAbsent(m.change().position(), new StoredMessage(m.change(), m.groupId(), m.attempts(), m.lastError()));
        }
    }

    @Override
    public synchronized List<StoredMessage> page(UUID sinkId, Position after, int limit) {
        pagesAfter.add(after);
        List<StoredMessage> out = new ArrayList<>();
        for (StoredMessage m : rows.tailMap(after, false).values()) {
            if (out.size() == limit) {
                break;
            }
            out.add(m);
        }
        return out;
    }

    /** Stores a message directly, as a replay of dead letters does. */
    synchronized void put(dev.sequin.message.ChangeMessage change, String groupKey) {
        rows.put(change.position(), new StoredMessage(change, groupKey, 0, null));
    }

    @Override
    public synchronized void delete(UUID sinkId, Collection<Position> positions) {
        positions.forEach(rows::remove);
    }

    @Override
    public synchronized Optional<Position> last(UUID sinkId) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.lastKey());
    }

    @Override
    public synchronized long count(UUID sinkId) {
        return rows.size();
    }
}
