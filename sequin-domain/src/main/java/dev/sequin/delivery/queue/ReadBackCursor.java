package dev.sequin.delivery.queue;

import dev.sequin.message.Lsn;
import dev.sequin.message.Position;

/**
 * Where a sink's next backlog read starts: just after the highest position already read back
 * into memory, so a page never re-reads what memory holds — unless a row may have been stored at
 * or below that position since, and then from the start, because commit order per group wins
 * over speed.
 *
 * <p>Rows do appear below the cursor: a change Postgres re-sends after a restart and that is
 * stored again, a failing message stored when its sink spills, dead letters replayed into the
 * backlog, and messages a spill takes back out of memory. Whoever stores rows reports the lowest
 * position <em>after</em> the write has committed ({@link #appended}); {@link #next} then compares
 * it with the cursor. Reporting after the commit is what makes this safe: a read that starts
 * before the report may miss the row, but the report then resets the read after it.
 *
 * <p>Thread-safety: {@link #appended} and {@link #restart} may be called from any thread;
 * {@link #next} and {@link #advance} belong to the one thread that reads the backlog.
 */
final class ReadBackCursor {

    /** Before every position: a read from here starts at the backlog's first row. */
    static final Position BEFORE_ALL = new Position(Lsn.ZERO, -1);

    private Position after = BEFORE_ALL;
    /** The lowest position stored since the last read began, or {@code null}. */
    private Position lowestAppended;

    /** Rows from {@code lowest} on were stored (and committed). */
    synchronized void appended(Position lowest) {
        if (lowestAppended == null || lowest.compareTo(lowestAppended) < 0) {
            lowestAppended = lowest;
        }
    }

    /** The rows of {@code messages} were stored (and committed). */
    void stored(java.util.List<QueuedMessage> messages) {
        Position lowest = messages.get(0).change().position();
        for (QueuedMessage m : messages) {
            if (m.change().position().compareTo(lowest) < 0) {
                lowest = m.change().position();
            }
        }
        appended(lowest);
    }

    /** The next read starts from the beginning (rows were added anywhere, or memory was emptied). */
    synchronized void restart() {
        lowestAppended = BEFORE_ALL;
    }

    /**
     * Where the next read starts, exclusive: the cursor, or {@link #BEFORE_ALL} when a row may
     * have been stored at or below it since the last read began. Call right before the read.
     */
    synchronized Position next() {
        if (lowestAppended != null && lowestAppended.compareTo(after) <= 0) {
            after = BEFORE_ALL;
        }
        lowestAppended = null;
        return after;
    }

    /** A read returned rows up to {@code lastRead}: every row up to it is in memory or gone. */
    synchronized void advance(Position lastRead) {
        if (lastRead.compareTo(after) > 0) {
            after = lastRead;
        }
    }

    /**
     * Whether rows were stored since the last read began: then a read that found nothing does not
     * yet mean that the backlog is all in memory.
     */
    synchronized boolean appendedSinceRead() {
        return lowestAppended != null;
    }
}
