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
    private boolean persisted;
    /** Whether the message is still in its queue (not yet acknowledged, discarded or drained). */
    boolean inQueue;

    QueuedMessage(ChangeMessage change, String groupId, SinkQueue.Group group) {
        this.change = change;
        this.groupId = groupId;
        this.group = group;
        this.enqueuedAtNanos = System.nanoTime();
    }

    /** A message restored from the durable backlog, with its retry state. */
    QueuedMessage(ChangeMessage change, String groupId, SinkQueue.Group group, int attempts, String lastError) {
        this(change, groupId, group);
        this.attempts = attempts;
        this.lastError = lastError;
        this.persisted = true;
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

    /** The last attempt's error, or {@code null}. */
    public String lastError() {
        return lastError;
    }

    /**
     * Whether the message is also stored in the sink's durable backlog: then the slot may confirm
     * past it, and an acknowledgement must delete it there.
     */
    public boolean persisted() {
        return persisted;
    }

    void markPersisted() {
        persisted = true;
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
