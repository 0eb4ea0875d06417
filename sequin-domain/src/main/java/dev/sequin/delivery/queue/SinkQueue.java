package dev.sequin.delivery.queue;

import dev.sequin.message.ChangeMessage;
import dev.sequin.message.Lsn;
import dev.sequin.message.Position;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One sink's queue: messages in commit order, split into message groups, handed out so that at
 * most one batch per group is in flight and a group's messages leave in commit order (invariant
 * I2). A failing group waits out its backoff without holding back other groups.
 *
 * <p>Structure: a FIFO per group; a ready heap of groups whose head may go now, ordered by the
 * head's position (so delivery roughly follows commit order across groups); a delayed heap of
 * groups waiting for a retry; and a count of pending messages per {@code commit_lsn}, whose
 * smallest key bounds the slot's flush watermark.
 *
 * <p>Thread-safety: all methods are safe to call from any thread. {@link #add} is meant for the
 * single slot-reader thread, which checks {@link #hasRoom()} first; consumers only remove.
 */
public final class SinkQueue {

    /** By the head's position, cached in the group when it enters the heap (its head cannot change there). */
    private static final Comparator<Group> BY_HEAD_POSITION = (a, b) -> {
        int byLsn = Long.compareUnsigned(a.headLsn, b.headLsn);
        return byLsn != 0 ? byLsn : Integer.compare(a.headIdx, b.headIdx);
    };
    private static final Comparator<Group> BY_NOT_BEFORE = Comparator.comparingLong(g -> g.notBeforeMillis);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final int capacity;
    private final Map<String, Group> groups = new HashMap<>();
    private final PriorityQueue<Group> ready = new PriorityQueue<>(BY_HEAD_POSITION);
    private final PriorityQueue<Group> delayed = new PriorityQueue<>(BY_NOT_BEFORE);
    private final Set<Group> failingGroups = new LinkedHashSet<>();
    /** Messages held only in memory, counted per {@code commit_lsn}: what bounds the flush. */
    private final TreeMap<Long, Pending> pendingByLsn = new TreeMap<>(Long::compareUnsigned);

    /** Memory-only messages of one {@code commit_lsn}: how many, and when the first arrived. */
    private static final class Pending {
        int count;
        final long firstEnqueuedNanos;

        Pending(long firstEnqueuedNanos) {
            this.firstEnqueuedNanos = firstEnqueuedNanos;
        }
    }
    /**
     * Positions of the queued messages that are also in the durable backlog: the ones a backlog
     * read could find again. Memory-only messages are not tracked, which keeps the fast path free
     * of this bookkeeping.
     */
    private final Set<Position> storedPositions = new HashSet<>();
    private int size;
    private int inFlight;
    private long version;

    /** @param capacity messages held before {@link #hasRoom()} says no (back-pressure) */
    public SinkQueue(int capacity) {
        this.capacity = capacity;
    }

    /** A message group's FIFO and its scheduling state. Guarded by the queue's lock. */
    static final class Group {
        final String id;
        final ArrayDeque<QueuedMessage> messages = new ArrayDeque<>();
        boolean inFlight;
        int inFlightCount;
        boolean scheduled;
        long notBeforeMillis;
        long headLsn;
        int headIdx;

        Group(String id) {
            this.id = id;
        }

        /** Caches the head's position for the ready heap's ordering. */
        Group cacheHead() {
            QueuedMessage head = messages.peekFirst();
            headLsn = head.change().commitLsn().value();
            headIdx = head.change().commitIdx();
            return this;
        }
    }

    public boolean hasRoom() {
        lock.lock();
        try {
            return size < capacity;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Appends a change. Changes must be added in stream order.
     *
     * @param groupId its message group, or {@code null} for a message ordered with nothing
     */
    public void add(ChangeMessage change, String groupId) {
        lock.lock();
        try {
            Group group = group(groupId);
            append(group, new QueuedMessage(change, groupId, group));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Appends a message read back from the durable backlog. It does not hold back the flush
     * watermark: it is already stored.
     */
    public void addRestored(ChangeMessage change, String groupId, int attempts, String lastError) {
        lock.lock();
        try {
            Group group = group(groupId);
            QueuedMessage message = new QueuedMessage(change, groupId, group, attempts, lastError);
            append(group, message);
            if (attempts > 0) {
                failingGroups.add(group);
            }
        } finally {
            lock.unlock();
        }
    }

    private Group group(String groupId) {
        return groupId == null ? new Group(null) : groups.computeIfAbsent(groupId, Group::new);
    }

    private void append(Group group, QueuedMessage message) {
        group.messages.addLast(message);
        size++;
        message.inQueue = true;
        if (message.persisted()) {
            storedPositions.add(message.change().position());
        }
        if (!message.persisted()) {
            pendingByLsn.computeIfAbsent(message.change().commitLsn().value(), k -> new Pending(message.enqueuedAtNanos())).count++;
        }
        if (!group.inFlight && !group.scheduled) {
            group.scheduled = true;
            ready.add(group.cacheHead());
        }
        touch();
    }

    /** Whether a message of the durable backlog at this position is in the queue already. */
    public boolean contains(Position position) {
        lock.lock();
        try {
            return storedPositions.contains(position);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes out every message that is not in flight, in commit order, so that it can be written
     * to the durable backlog. In-flight batches stay and settle as usual.
     */
    public List<QueuedMessage> drainWaiting() {
        lock.lock();
        try {
            Set<Group> all = new LinkedHashSet<>(groups.values());
            all.addAll(ready);
            all.addAll(delayed);
            List<QueuedMessage> drained = new ArrayList<>();
            for (Group group : all) {
                int keep = group.inFlight ? group.inFlightCount : 0;
                while (group.messages.size() > keep) {
                    QueuedMessage m = group.messages.pollLast();
                    drained.add(m);
                    forget(m);
                }
                if (group.messages.isEmpty() && group.id != null) {
                    groups.remove(group.id);
                }
                group.scheduled = false;
                if (!group.inFlight) {
                    failingGroups.remove(group);
                }
            }
            ready.clear();
            delayed.clear();
            drained.sort(Comparator.comparing(m -> m.change().position()));
            touch();
            return drained;
        } finally {
            lock.unlock();
        }
    }

    /** The messages are now stored durably: the flush watermark may pass them. */
    public void markPersisted(List<QueuedMessage> messages) {
        lock.lock();
        try {
            for (QueuedMessage m : messages) {
                if (!m.persisted() && m.inQueue) {
                    m.markPersisted();
                    storedPositions.add(m.change().position());
                    unpend(m);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void forget(QueuedMessage m) {
        size--;
        m.inQueue = false;
        if (m.persisted()) {
            storedPositions.remove(m.change().position());
        } else {
            unpend(m);
        }
    }

    private void unpend(QueuedMessage m) {
        pendingByLsn.computeIfPresent(m.change().commitLsn().value(), (k, p) -> --p.count == 0 ? null : p);
    }

    /**
     * Takes up to {@code maxMessages} messages whose groups are free and due, marking their groups
     * in flight. Several messages of one group may share a batch, in commit order.
     *
     * @return the batch, or {@code null} when nothing may go now
     */
    public DeliveryBatch poll(int maxMessages, long nowMillis) {
        return poll(maxMessages, Integer.MAX_VALUE, nowMillis);
    }

    /**
     * Like {@link #poll(int, long)}, with at most {@code perGroup} messages of any one group. The
     * pull API hands out one message per group, so that each can be acknowledged on its own.
     */
    public DeliveryBatch poll(int maxMessages, int perGroup, long nowMillis) {
        lock.lock();
        try {
            promoteDue(nowMillis);
            if (ready.isEmpty()) {
                return null;
            }
            List<QueuedMessage> batch = new ArrayList<>(Math.min(maxMessages, 64));
            while (batch.size() < maxMessages && !ready.isEmpty()) {
                Group group = ready.poll();
                group.scheduled = false;
                group.inFlight = true;
                group.inFlightCount = 0;
                for (QueuedMessage m : group.messages) {
                    if (batch.size() == maxMessages || group.inFlightCount == perGroup) {
                        break;
                    }
                    batch.add(m);
                    group.inFlightCount++;
                }
            }
            inFlight += batch.size();
            return new DeliveryBatch(batch);
        } finally {
            lock.unlock();
        }
    }

    /** The batch was delivered: its messages leave the queue and their groups move on. */
    public void ack(DeliveryBatch batch) {
        settle(batch, Set.copyOf(batch.messages()), null, 0);
    }

    /**
     * The batch failed. Messages in {@code removed} leave the queue for good (the caller has
     * dead-lettered them); they must be, per group, a prefix of the batch's messages. The others
     * count a failed attempt, and their groups wait until {@code notBeforeMillis} before they are
     * handed out again, in the same order.
     */
    public void fail(DeliveryBatch batch, Set<QueuedMessage> removed, String error, long notBeforeMillis) {
        settle(batch, removed, error, notBeforeMillis);
    }

    private void settle(DeliveryBatch batch, Set<QueuedMessage> removed, String error, long notBeforeMillis) {
        lock.lock();
        try {
            Set<Group> touched = new LinkedHashSet<>();
            Set<Group> retrying = new LinkedHashSet<>();
            for (QueuedMessage m : batch.messages()) {
                Group group = m.group;
                touched.add(group);
                if (removed.contains(m)) {
                    if (group.messages.pollFirst() != m) {
                        throw new IllegalStateException("A settled message was not the head of its group");
                    }
                    forget(m);
                } else {
                    m.recordFailure(error, notBeforeMillis);
                    retrying.add(group);
                }
            }
            inFlight -= batch.size();
            for (Group group : touched) {
                group.inFlight = false;
                group.inFlightCount = 0;
                if (retrying.contains(group)) {
                    group.notBeforeMillis = notBeforeMillis;
                    group.scheduled = true;
                    delayed.add(group);
                    failingGroups.add(group);
                } else {
                    release(group);
                    if (group.messages.isEmpty() || group.messages.peekFirst().attempts() == 0) {
                        failingGroups.remove(group);
                    }
                }
            }
            touch();
        } finally {
            lock.unlock();
        }
    }

    /** Makes every waiting group due now (an operator's "retry now", or a sink resumed). */
    public void retryNow() {
        lock.lock();
        try {
            for (Group group : delayed) {
                group.notBeforeMillis = 0;
            }
            promoteDue(Long.MAX_VALUE);
            touch();
        } finally {
            lock.unlock();
        }
    }

    private void release(Group group) {
        group.inFlight = false;
        if (group.messages.isEmpty()) {
            if (group.id != null) {
                groups.remove(group.id);
            }
        } else if (!group.scheduled) {
            group.scheduled = true;
            ready.add(group.cacheHead());
        }
    }

    private void promoteDue(long nowMillis) {
        while (!delayed.isEmpty() && delayed.peek().notBeforeMillis <= nowMillis) {
            ready.add(delayed.poll().cacheHead());
        }
    }

    /** The smallest {@code commit_lsn} of any message still in the queue (in flight included). */
    public Optional<Lsn> lowestPendingLsn() {
        lock.lock();
        try {
            return pendingByLsn.isEmpty() ? Optional.empty() : Optional.of(Lsn.of(pendingByLsn.firstKey()));
        } finally {
            lock.unlock();
        }
    }

    /** When the next delayed group becomes due, or {@link Long#MAX_VALUE}. */
    public long nextDueMillis() {
        lock.lock();
        try {
            return delayed.isEmpty() ? Long.MAX_VALUE : delayed.peek().notBeforeMillis;
        } finally {
            lock.unlock();
        }
    }

    /** Messages whose last attempt failed, heads of their groups first, at most {@code limit}. */
    public List<FailingMessage> failing(int limit) {
        lock.lock();
        try {
            List<FailingMessage> out = new ArrayList<>();
            for (Group group : failingGroups) {
                for (QueuedMessage m : group.messages) {
                    if (out.size() == limit || m.attempts() == 0) {
                        break;
                    }
                    out.add(m.snapshot());
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@link System#nanoTime()} of the arrival of the oldest memory-only message (the one with the
     * lowest {@code commit_lsn}), or empty when there is none. O(log n): it is asked often.
     */
    public java.util.OptionalLong oldestEnqueuedNanos() {
        lock.lock();
        try {
            return pendingByLsn.isEmpty() ? java.util.OptionalLong.empty()
                    : java.util.OptionalLong.of(pendingByLsn.firstEntry().getValue().firstEnqueuedNanos);
        } finally {
            lock.unlock();
        }
    }

    /** How many message groups are waiting for a retry. */
    public int failingGroups() {
        lock.lock();
        try {
            return failingGroups.size();
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }

    public int inFlight() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    /** A counter that changes whenever the queue does; pair with {@link #awaitChange}. */
    public long version() {
        lock.lock();
        try {
            return version;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the queue changes after {@code seenVersion}, or the timeout passes. Returns at
     * once if it already changed, so a change between reading the version and waiting is not lost.
     */
    public void awaitChange(long seenVersion, long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            long remaining = timeoutNanos;
            while (version == seenVersion && remaining > 0) {
                remaining = changed.awaitNanos(remaining);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Wakes waiters without a change of content (e.g. a sink was resumed). */
    public void wake() {
        lock.lock();
        try {
            touch();
        } finally {
            lock.unlock();
        }
    }

    private void touch() {
        version++;
        changed.signalAll();
    }
}
