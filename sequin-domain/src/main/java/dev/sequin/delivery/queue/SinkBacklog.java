package dev.sequin.delivery.queue;

import dev.sequin.message.ChangeMessage;
import dev.sequin.message.Lsn;
import dev.sequin.message.Position;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sink's messages, in memory while that is cheap and safe, in its durable backlog in Postgres
 * otherwise (invariants I1, I4).
 *
 * <p><b>Memory mode</b> (the fast path): the router adds straight to the in-memory
 * {@link SinkQueue}, and the flush watermark waits for acknowledgements.
 *
 * <p><b>Backlog mode</b>: entered when the {@link SpillPolicy} says so (paused, failing, too old,
 * or full for too long). Waiting messages are moved to
 * {@code sink_messages}; new ones go through a small {@link SpillBuffer} into it too. The slot may
 * then confirm past everything stored, so a stopped sink stops pinning WAL. Delivery reads the
 * backlog back in commit order, a page at a time from a {@link ReadBackCursor}, never whole, and
 * memory mode returns when the backlog is empty.
 *
 * <p>A maintenance thread per sink writes the buffer, decides spills and pages the backlog in.
 * The router (slot reader thread) and the dispatcher call in concurrently; mode switches happen
 * under one lock, so no message is ever both stored and buffered, or lost between the two.
 */
public final class SinkBacklog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SinkBacklog.class);
    private static final Duration PRUNE_EVERY = Duration.ofSeconds(10);
    private static final Duration IDLE = Duration.ofMillis(20);

    /**
     * @param memoryCapacity messages held in memory before the sink spills (memory full)
     * @param bufferCapacity messages waiting to be written before the router is held back
     * @param maxAge         how long a message may wait in memory before the sink spills
     * @param pageSize       messages read back from the backlog at a time
     * @param fullPatience   how long a healthy sink with a full memory budget holds replication
     *                       back before it spills: a sink that is merely catching up is faster in
     *                       memory, but one that stays full must not stall the others
     */
    public record Settings(int memoryCapacity, int bufferCapacity, Duration maxAge, int pageSize, Duration fullPatience) {
    }

    private enum Mode { MEMORY, BACKLOG }

    private final UUID sinkId;
    private final String sinkName;
    private final Settings settings;
    private final SinkQueue queue;
    private final BacklogStore store;
    private final AckLedger ledger;
    private final Supplier<Lsn> confirmedFlush;
    private final Supplier<Lsn> handedOff;
    private final Object lock = new Object();
    private final SpillBuffer buffer = new SpillBuffer();
    private final SpillPolicy spillPolicy;
    private final BacklogReader reader;
    private final ReadBackCursor cursor;
    private final Thread maintenance;
    /** Written under {@code lock}; read without it only where a stale answer is harmless. */
    private volatile Mode mode;
    private volatile Position readBackHold;
    private volatile Set<Position> acknowledgedBeforeRestart = Set.of();
    private volatile boolean paused;
    private volatile boolean rescan;
    private volatile boolean running = true;
    private long lastPrune = System.nanoTime();

    /**
     * @param confirmedFlush the slot's confirmed position (the ledger is pruned below it)
     * @param handedOff      the {@code commit_lsn} of the last transaction the slot reader has
     *                       handed off whole
     */
    public SinkBacklog(UUID sinkId, String sinkName, Settings settings, BacklogStore store, AckLedger ledger,
                       Supplier<Lsn> confirmedFlush, Supplier<Lsn> handedOff, boolean paused) {
        this.sinkId = sinkId;
        this.sinkName = sinkName;
        this.settings = settings;
        this.spillPolicy = new SpillPolicy(settings);
        this.queue = new SinkQueue(Integer.MAX_VALUE);
        this.reader = new BacklogReader(sinkId, store, queue);
        this.cursor = reader.cursor();
        this.store = store;
        this.ledger = ledger;
        this.confirmedFlush = confirmedFlush;
        this.handedOff = handedOff;
        this.paused = paused;
        this.mode = store.count(sinkId) > 0 ? Mode.BACKLOG : Mode.MEMORY;
        this.maintenance = new Thread(this::maintainLoop, "backlog-" + sinkName);
        this.maintenance.setDaemon(true);
    }

    public SinkBacklog start() {
        maintenance.start();
        return this;
    }

    /** The in-memory part, which the dispatcher drains. */
    public SinkQueue queue() {
        return queue;
    }

    public void setPaused(boolean paused) {
        this.paused = paused;
        queue.wake();
    }

    /**
     * Positions this sink acknowledged before the last restart, above the slot's confirmed
     * position: Postgres re-sends them, and they are skipped here.
     */
    public void skipAcknowledged(Set<Position> positions) {
        acknowledgedBeforeRestart = positions.isEmpty() ? Set.of() : java.util.Collections.synchronizedSet(new HashSet<>(positions));
    }

    /** Reads the backlog again (rows were added from outside, e.g. replayed dead letters). */
    public void rescan() {
        rescan = true;
    }

    /**
     * After a restart: reads nothing back until the slot reader has handed off the transaction at
     * {@code last} (the backlog's last position at start). Postgres re-sends from the slot's
     * confirmed position, and a change that was in flight at the crash must be stored again
     * before anything after it in its group is read back, or it would arrive out of order.
     */
    public void holdReadBackUntilHandedOff(Position last) {
        readBackHold = last;
    }

    // ---- the router's side (slot reader thread) ----

    /**
     * Whether a message can be taken now without waiting: a full memory budget holds the router
     * back (back-pressure) until the {@link SpillPolicy} says to spill.
     */
    public boolean hasRoom() {
        synchronized (lock) {
            if (mode == Mode.BACKLOG) {
                return buffer.size() < settings.bufferCapacity();
            }
            if (queue.size() < settings.memoryCapacity()) {
                spillPolicy.hasRoom();
                return true;
            }
            String why = spillPolicy.whenFull(queue, paused, System.nanoTime());
            if (why == null) {
                return false;
            }
            spill(why);
            return buffer.size() < settings.bufferCapacity();
        }
    }

    public void add(ChangeMessage change, String groupKey) {
        Set<Position> skip = acknowledgedBeforeRestart;
        if (!skip.isEmpty() && skip.remove(change.position())) {
            return;
        }
        synchronized (lock) {
            if (mode == Mode.MEMORY) {
                queue.add(change, groupKey);
            } else {
                buffer.add(new QueuedMessage(change, groupKey, null));
            }
        }
    }

    /** The lowest {@code commit_lsn} held only in memory (queue or write buffer). */
    public Optional<Lsn> lowestUnpersisted() {
        // The queue first: a spill moves messages from the queue to the buffer, never back.
        Optional<Lsn> inQueue = queue.lowestPendingLsn();
        Optional<Lsn> inBuffer;
        synchronized (lock) {
            inBuffer = buffer.lowestLsn();
        }
        return inBuffer.isEmpty() ? inQueue : Optional.of(inQueue.map(l -> Lsn.min(l, inBuffer.get())).orElse(inBuffer.get()));
    }

    // ---- the dispatcher's side ----

    /** The batch was delivered: recorded in the ledger, removed from the backlog and the queue. */
    public void acked(DeliveryBatch batch) {
        List<Position> all = new ArrayList<>(batch.size());
        List<Position> stored = new ArrayList<>();
        for (QueuedMessage m : batch.messages()) {
            all.add(m.change().position());
            if (m.persisted()) {
                stored.add(m.change().position());
            }
        }
        ledger.record(sinkId, all);
        if (!stored.isEmpty()) {
            store.delete(sinkId, stored);
        }
        reader.settle(stored, () -> queue.ack(batch));
    }

    /**
     * The batch failed; {@code removed} were dead-lettered. In backlog mode the messages that
     * will be retried are stored, so a failing sink does not pin the WAL.
     */
    public void failed(DeliveryBatch batch, Set<QueuedMessage> removed, String error, long notBeforeMillis) {
        List<Position> storedRemoved = new ArrayList<>();
        for (QueuedMessage m : removed) {
            if (m.persisted()) {
                storedRemoved.add(m.change().position());
            }
        }
        if (!storedRemoved.isEmpty()) {
            store.delete(sinkId, storedRemoved);
        }
        reader.settle(storedRemoved, () -> queue.fail(batch, removed, error, notBeforeMillis));
        if (mode == Mode.BACKLOG) {
            persist(batch.messages().stream().filter(m -> !removed.contains(m) && !m.persisted()).toList());
        }
    }

    private void persist(List<QueuedMessage> messages) {
        if (!messages.isEmpty()) {
            store.append(sinkId, messages);
            cursor.stored(messages);
            queue.markPersisted(messages);
        }
    }

    // ---- maintenance thread ----

    private void maintainLoop() {
        while (running) {
            try {
                long seen = queue.version();
                boolean busy = maintain();
                if (!busy) {
                    idle(seen);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Backlog of sink {}: {}", sinkName, e.getMessage());
                sleepQuietly(1_000);
            }
        }
    }

    /** One round of upkeep; returns whether there may be more to do at once. */
    boolean maintain() {
        boolean busy = writeBuffer();
        decideSpill();
        busy |= readBack();
        pruneLedger();
        return busy;
    }

    /**
     * Waits for the next round. While the backlog is being read back, every acknowledgement may
     * make room for the next page, so the round comes as soon as the queue changes; otherwise a
     * fixed nap keeps the memory-mode fast path free of wake-ups per message.
     */
    private void idle(long seenVersion) throws InterruptedException {
        if (mode == Mode.BACKLOG && !paused) {
            queue.awaitChange(seenVersion, IDLE.toNanos());
        } else {
            TimeUnit.MILLISECONDS.sleep(IDLE.toMillis());
        }
    }

    private boolean writeBuffer() {
        List<QueuedMessage> pending;
        synchronized (lock) {
            if (buffer.isEmpty()) {
                return false;
            }
            pending = buffer.first(5_000);
        }
        store.append(sinkId, pending);
        cursor.stored(pending);
        synchronized (lock) {
            buffer.written(pending);
        }
        return true;
    }

    private void decideSpill() {
        synchronized (lock) {
            if (mode != Mode.MEMORY || queue.size() == 0) {
                return;
            }
            String why = spillPolicy.onRound(queue, paused, System.nanoTime());
            if (why != null) {
                spill(why);
            }
        }
    }

    /**
     * Moves every waiting message to the write buffer; called with the lock held. Stored messages
     * leave memory without going to the buffer, so the next read starts from the beginning.
     */
    private void spill(String why) {
        mode = Mode.BACKLOG;
        cursor.restart();
        for (QueuedMessage m : queue.drainWaiting()) {
            if (!m.persisted()) {
                buffer.add(m);
            }
        }
        log.info("Sink {} spills to its durable backlog: {}", sinkName, why);
    }

    /**
     * Reads the next page of the backlog (by commit order) into memory, from the cursor, once
     * fewer than a page of messages is in memory: the page arrives while the dispatcher still
     * works through what is there.
     */
    private boolean readBack() {
        synchronized (lock) {
            if (rescan) {
                rescan = false;
                cursor.restart();
                mode = Mode.BACKLOG;
            }
            if (mode != Mode.BACKLOG) {
                return false;
            }
        }
        if (paused || heldAfterRestart() || queue.size() >= settings.pageSize()) {
            return false;
        }
        BacklogReader.Result read = reader.read(settings.pageSize());
        if (read.reachedEnd() && read.added() == 0) {
            synchronized (lock) {
                if (buffer.isEmpty() && !rescan && !cursor.appendedSinceRead()) {
                    mode = Mode.MEMORY;
                    log.info("Sink {} read back all of its durable backlog; back to memory", sinkName);
                }
            }
        }
        return read.added() > 0 || !read.reachedEnd();
    }

    /**
     * Whether reading still waits after a restart: until the slot reader has handed off the
     * backlog's last transaction and everything re-sent up to it is stored (not just buffered),
     * so a change that was in flight at the crash is read before the later changes of its group.
     */
    private boolean heldAfterRestart() {
        Position hold = readBackHold;
        if (hold == null) {
            return false;
        }
        synchronized (lock) {
            if (handedOff.get().compareTo(hold.commitLsn()) < 0 || buffer.holdsAtOrBefore(hold)) {
                return true;
            }
        }
        readBackHold = null;
        return false;
    }

    private void pruneLedger() {
        if (System.nanoTime() - lastPrune < PRUNE_EVERY.toNanos()) {
            return;
        }
        lastPrune = System.nanoTime();
        Lsn confirmed = confirmedFlush.get();
        if (confirmed != null && confirmed.value() > 0) {
            ledger.prune(sinkId, confirmed);
        }
    }

    /**
     * {@link System#nanoTime()} of the arrival of the oldest message held only in memory (queue or
     * write buffer), or empty when there is none; stored messages are aged by their backlog rows.
     */
    public OptionalLong oldestUnpersistedSinceNanos() {
        OptionalLong inQueue = queue.oldestEnqueuedNanos();
        OptionalLong inBuffer;
        synchronized (lock) {
            inBuffer = buffer.oldestEnqueuedNanos();
        }
        return inBuffer.isEmpty() || (inQueue.isPresent() && inQueue.getAsLong() - inBuffer.getAsLong() < 0) ? inQueue : inBuffer;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        maintenance.interrupt();
    }
}
