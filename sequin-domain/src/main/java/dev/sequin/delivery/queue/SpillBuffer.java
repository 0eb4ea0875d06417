package dev.sequin.delivery.queue;

import dev.sequin.message.Lsn;
import dev.sequin.message.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * A spilled sink's messages on their way to its durable backlog: held in arrival order until the
 * maintenance thread writes them, and counted per {@code commit_lsn}, because until they are
 * written the lowest of them bounds the slot's flush watermark (invariant I1).
 *
 * <p>Not thread-safe: {@link SinkBacklog} guards it with its lock.
 */
final class SpillBuffer {

    private final List<QueuedMessage> messages = new ArrayList<>();
    private final TreeMap<Long, Integer> countByLsn = new TreeMap<>(Long::compareUnsigned);

    void add(QueuedMessage message) {
        messages.add(message);
        countByLsn.merge(message.change().commitLsn().value(), 1, Integer::sum);
    }

    int size() {
        return messages.size();
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    /** A copy of the first {@code max} messages, to write outside the lock. */
    List<QueuedMessage> first(int max) {
        return new ArrayList<>(messages.subList(0, Math.min(messages.size(), max)));
    }

    /** The first messages, as returned by {@link #first}, are stored now. */
    void written(List<QueuedMessage> stored) {
        messages.subList(0, stored.size()).clear();
        for (QueuedMessage m : stored) {
            countByLsn.computeIfPresent(m.change().commitLsn().value(), (k, n) -> n == 1 ? null : n - 1);
        }
    }

    /** The lowest {@code commit_lsn} waiting here. */
    Optional<Lsn> lowestLsn() {
        return countByLsn.isEmpty() ? Optional.empty() : Optional.of(Lsn.of(countByLsn.firstKey()));
    }

    /** {@link System#nanoTime()} of the arrival of the first message waiting here (the oldest). */
    OptionalLong oldestEnqueuedNanos() {
        return messages.isEmpty() ? OptionalLong.empty() : OptionalLong.of(messages.get(0).enqueuedAtNanos());
    }

    /** Whether a message at or below {@code position}'s transaction is still waiting to be written. */
    boolean holdsAtOrBefore(Position position) {
        return !countByLsn.isEmpty() && Long.compareUnsigned(countByLsn.firstKey(), position.commitLsn().value()) <= 0;
    }
}
