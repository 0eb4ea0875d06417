package dev.sequin.delivery.queue;

import dev.sequin.message.ChangeMessage;
import dev.sequin.message.Lsn;
import dev.sequin.message.Position;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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
 * <p><b>Backlog mode</b>: entered when the sink is paused, when its oldest message waited longer
 * than {@code maxAge}, when it keeps failing, or when memory stays full ({@code memoryCapacity}
 * messages) for longer than {@code fullPatience}. Waiting messages are moved to {@code sink_messages}; new ones go through a small
 * write buffer into it too. The slot may then confirm past everything stored, so a stopped sink
 * stops pinning WAL. Delivery reads the backlog back in commit order, a page at a time, never
 * whole, and memory mode returns when the backlog is empty.
 *
 * <p>A maintenance thread per sink writes the buffer, decides spills and pages the backlog in.
 * The router (slot reader thread) and the dispatcher call in concurrently; mode switches happen
 * under one lock, so no message is ever both stored and buffered, or lost between the two.
 */
public final class SinkBacklog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SinkBacklog.class);
    private static final Position BEFORE_ALL = new Position(Lsn.ZERO, -1);
    private static final Duration FAILING_SPILL_AFTER = Duration.ofSeconds(5);
    private static final Duration PRUNE_EVERY = Duration.ofSeconds(10);

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
    /**
     * Guards "forget acknowledged messages" against "add what a page read is missing", so that a
     * message deleted while a page was being read is not added back. The page query itself runs
     * outside it, so acknowledgements never wait for a read.
     */
    private final Object readBackLock = new Object();
    /** Positions deleted while a page read is under way; {@code null} when none is. */
    private Set<Position> deletedDuringRead;
    private final List<QueuedMessage> buffer = new ArrayList<>();
    private final TreeMap<Long, Integer> bufferPending = new TreeMap<>(Long::compareUnsigned);
    private final Thread maintenance;
    private Mode mode;
    private volatile Position readBackHold;
    private volatile Set<Position> acknowledgedBeforeRestart = Set.of();
    private volatile boolean paused;
    private volatile boolean rescan;
    private volatile boolean running = true;
    private long lastPrune = System.nanoTime();
    private long fullSince;

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
        this.queue = new SinkQueue(Integer.MAX_VALUE);
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
     * Whether a message can be taken now without waiting. A full memory budget first holds the
     * router back (back-pressure); a sink that is paused or failing, or stays full longer than
     * {@code fullPatience}, spills instead.
     */
    public boolean hasRoom() {
        synchronized (lock) {
            if (mode == Mode.BACKLOG) {
                return buffer.size() < settings.bufferCapacity();
            }
            if (queue.size() < settings.memoryCapacity()) {
                fullSince = 0;
                return true;
            }
            long now = System.nanoTime();
            if (fullSince == 0) {
                fullSince = now;
            }
            if (paused || queue.failingGroups() > 0 || now - fullSince >= settings.fullPatience().toNanos()) {
                fullSince = 0;
                spill("memory full");
                return buffer.size() < settings.bufferCapacity();
            }
            return false;
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
                bufferPending.merge(change.commitLsn().value(), 1, Integer::sum);
            }
        }
    }

    /** The lowest {@code commit_lsn} held only in memory (queue or write buffer). */
    public Optional<Lsn> lowestUnpersisted() {
        Optional<Lsn> inQueue = queue.lowestPendingLsn();
        Lsn inBuffer;
        synchronized (lock) {
            inBuffer = bufferPending.isEmpty() ? null : Lsn.of(bufferPending.firstKey());
        }
        if (inBuffer == null) {
            return inQueue;
        }
        return Optional.of(inQueue.map(l -> Lsn.min(l, inBuffer)).orElse(inBuffer));
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
        synchronized (readBackLock) {
            if (deletedDuringRead != null) {
                deletedDuringRead.addAll(stored);
            }
            queue.ack(batch);
        }
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
        synchronized (readBackLock) {
            if (deletedDuringRead != null) {
                deletedDuringRead.addAll(storedRemoved);
            }
            queue.fail(batch, removed, error, notBeforeMillis);
        }
        boolean backlog;
        synchronized (lock) {
            backlog = mode == Mode.BACKLOG;
        }
        if (backlog) {
            persist(batch.messages().stream().filter(m -> !removed.contains(m) && !m.persisted()).toList());
        }
    }

    private void persist(List<QueuedMessage> messages) {
        if (!messages.isEmpty()) {
            store.append(sinkId, messages);
            queue.markPersisted(messages);
        }
    }

    // ---- maintenance thread ----

    private void maintainLoop() {
        while (running) {
            try {
                boolean busy = maintain();
                if (!busy) {
                    TimeUnit.MILLISECONDS.sleep(20);
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

    private boolean writeBuffer() {
        List<QueuedMessage> pending;
        synchronized (lock) {
            if (buffer.isEmpty()) {
                return false;
            }
            pending = new ArrayList<>(buffer.subList(0, Math.min(buffer.size(), 5_000)));
        }
        store.append(sinkId, pending);
        synchronized (lock) {
            buffer.subList(0, pending.size()).clear();
            for (QueuedMessage m : pending) {
                bufferPending.computeIfPresent(m.change().commitLsn().value(), (k, n) -> n == 1 ? null : n - 1);
            }
        }
        return true;
    }

    private void decideSpill() {
        synchronized (lock) {
            if (mode != Mode.MEMORY || queue.size() == 0) {
                return;
            }
            long age = queue.oldestEnqueuedNanos().stream().map(t -> System.nanoTime() - t).findFirst().orElse(0L);
            if (paused) {
                spill("sink paused");
            } else if (age > settings.maxAge().toNanos()) {
                spill("messages waited longer than " + settings.maxAge().toSeconds() + " s");
            } else if (queue.failingGroups() > 0 && age > FAILING_SPILL_AFTER.toNanos()) {
                spill("deliveries failing");
            }
        }
    }

    /** Moves every waiting message to the write buffer; called with the lock held. */
    private void spill(String why) {
        mode = Mode.BACKLOG;
        for (QueuedMessage m : queue.drainWaiting()) {
            if (!m.persisted()) {
                buffer.add(m);
                bufferPending.merge(m.change().commitLsn().value(), 1, Integer::sum);
            }
        }
        log.info("Sink {} spills to its durable backlog: {}", sinkName, why);
    }

    /**
     * Reads the backlog's first messages (by commit order) that are not in memory yet. Always from
     * the start rather than from a cursor: rows can appear below what was read before (a change
     * re-sent after a restart, a failing message stored), and commit order must win.
     */
    private boolean readBack() {
        if (rescan) {
            synchronized (lock) {
                rescan = false;
                mode = Mode.BACKLOG;
            }
        }
        synchronized (lock) {
            if (mode != Mode.BACKLOG) {
                return false;
            }
        }
        Position hold = readBackHold;
        if (hold != null) {
            if (handedOff.get().compareTo(hold.commitLsn()) < 0) {
                return false;
            }
            readBackHold = null;
        }
        int inMemory = queue.size();
        if (paused || inMemory >= settings.pageSize()) {
            return false;
        }
        int added = 0;
        synchronized (readBackLock) {
            deletedDuringRead = new HashSet<>();
        }
        List<BacklogStore.StoredMessage> page = store.page(sinkId, BEFORE_ALL, settings.pageSize() + inMemory);
        synchronized (readBackLock) {
            for (BacklogStore.StoredMessage stored : page) {
                Position position = stored.change().position();
                if (!queue.contains(position) && !deletedDuringRead.contains(position)) {
                    queue.addRestored(stored.change(), stored.groupKey(), stored.attempts(), stored.lastError());
                    added++;
                }
            }
            deletedDuringRead = null;
        }
        if (added == 0) {
            synchronized (lock) {
                if (buffer.isEmpty() && !rescan) {
                    mode = Mode.MEMORY;
                    log.info("Sink {} read back all of its durable backlog; back to memory", sinkName);
                }
            }
        }
        return added > 0;
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

    /** Messages in the durable backlog (a database count; for metrics and operators). */
    public long storedCount() {
        return store.count(sinkId);
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
