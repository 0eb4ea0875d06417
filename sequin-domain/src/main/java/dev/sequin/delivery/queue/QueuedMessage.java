package dev.sequin.delivery.queue;

import dev.sequin.message.ChangeMessage;
import java.time.Instant;

/**
 * A change waiting in one sink's queue, with its retry state. The retry state lives with the
 * message (not in a retry loop), so it can be listed, and later persisted with it.
 *
 * <p>Mutable fields are guarded by the owning {@link SinkQueue}'s lock; read them through
 * {@link SinkQueue#failing(int)} snapshots from other threads.
 */
public final class QueuedMessage {

    private final ChangeMessage change;
    private final String groupId;
    private final long enqueuedAtNanos;
    final SinkQueue.Group group;
    private int attempts;
    private long notBeforeMillis;
    private String lastError;

    QueuedMessage(ChangeMessage change, String groupId, SinkQueue.Group group) {
        this.change = change;
        this.groupId = groupId;
        this.group = group;
        this.enqueuedAtNanos = System.nanoTime();
    }

    public ChangeMessage change() {
        return change;
    }

    /** The message group ({@code null}: the message belongs to no group and is ordered with nothing). */
    public String groupId() {
        return groupId;
    }

    /** {@link System#nanoTime()} when it entered the queue, for latency metrics. */
    public long enqueuedAtNanos() {
        return enqueuedAtNanos;
    }

    /** Failed attempts so far. */
    public int attempts() {
        return attempts;
    }

    void recordFailure(String error, long notBefore) {
        attempts++;
        lastError = error;
        notBeforeMillis = notBefore;
    }

    /** A consistent copy of the retry state, for listing. */
    FailingMessage snapshot() {
        return new FailingMessage(change.table().toString(), change.recordPks(), change.idempotencyKey(),
                change.commitLsn().value(), change.commitIdx(), groupId, attempts,
                Instant.ofEpochMilli(notBeforeMillis), lastError);
    }
}
