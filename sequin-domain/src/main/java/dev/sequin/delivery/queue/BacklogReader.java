package dev.sequin.delivery.queue;

import dev.sequin.message.Position;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Pages one sink's durable backlog into its in-memory queue, in commit order, from a
 * {@link ReadBackCursor}: it adds what memory does not hold yet, and never adds back a message
 * that was deleted (acknowledged or dead-lettered) while its page was being read.
 *
 * <p>Thread-safety: {@link #read} runs on the sink's maintenance thread only; {@link #settle} and
 * the cursor's {@code appended}/{@code restart} may be called from any thread. The page query runs
 * outside every lock, so acknowledgements never wait for a read.
 */
final class BacklogReader {

    /**
     * What one read did.
     *
     * @param added      messages added to the queue
     * @param reachedEnd whether the page reached the backlog's end (it was not full)
     */
    record Result(int added, boolean reachedEnd) {
    }

    private final UUID sinkId;
    private final BacklogStore store;
    private final SinkQueue queue;
    private final ReadBackCursor cursor = new ReadBackCursor();
    /** Guards "forget deleted messages" against "add what a page is missing". */
    private final Object lock = new Object();
    /** Positions deleted while a page read is under way; {@code null} when none is. */
    private Set<Position> deletedDuringRead;

    BacklogReader(UUID sinkId, BacklogStore store, SinkQueue queue) {
        this.sinkId = sinkId;
        this.store = store;
        this.queue = queue;
    }

    ReadBackCursor cursor() {
        return cursor;
    }

    /** Reads up to {@code pageSize} messages after the cursor (more when it starts from the beginning). */
    Result read(int pageSize) {
        Position from = cursor.next();
        // From the start, the first rows are mostly in memory already: read past them.
        int limit = pageSize + (from.equals(ReadBackCursor.BEFORE_ALL) ? queue.size() : 0);
        synchronized (lock) {
            deletedDuringRead = new HashSet<>();
        }
        List<BacklogStore.StoredMessage> page = store.page(sinkId, from, limit);
        int added = 0;
        synchronized (lock) {
            for (BacklogStore.StoredMessage stored : page) {
                Position position = stored.change().position();
                if (!queue.contains(position) && !deletedDuringRead.contains(position)) {
                    queue.addRestored(stored.change(), stored.groupKey(), stored.attempts(), stored.lastError());
                    added++;
                }
            }
            deletedDuringRead = null;
        }
        if (!page.isEmpty()) {
            cursor.advance(page.get(page.size() - 1).change().position());
        }
        return new Result(added, page.size() < limit);
    }

    /**
     * Settles a batch in the queue ({@code settleQueue}) after its stored messages at
     * {@code deleted} were deleted from the backlog, so that a read under way does not add them back.
     */
    void settle(Collection<Position> deleted, Runnable settleQueue) {
        synchronized (lock) {
            if (deletedDuringRead != null) {
                deletedDuringRead.addAll(deleted);
            }
            settleQueue.run();
        }
    }
}
