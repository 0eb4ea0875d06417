package dev.sequin.delivery.pull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The messages one pull consumer has handed out and not yet settled, by ack id and by when they
 * become visible again. Removing a lease is how a settlement claims it: of an acknowledgement and
 * an expiry racing for one lease, only the one that removes it acts.
 *
 * <p>Thread-safe; {@link #awaitExpired} is for the consumer's single visibility thread.
 */
final class Leases {

    private static final Comparator<Lease> BY_VISIBLE_AT =
            Comparator.comparingLong(Lease::visibleAtMillis).thenComparing(Lease::ackId);

    private final Map<UUID, Lease> byAckId = new HashMap<>();
    private final TreeSet<Lease> byVisibleAt = new TreeSet<>(BY_VISIBLE_AT);

    synchronized void add(List<Lease> leases) {
        Lease first = byVisibleAt.isEmpty() ? null : byVisibleAt.first();
        for (Lease lease : leases) {
            byAckId.put(lease.ackId(), lease);
            byVisibleAt.add(lease);
        }
        if (first == null || BY_VISIBLE_AT.compare(byVisibleAt.first(), first) < 0) {
            notifyAll();
        }
    }

    /** Removes and returns the leases with these ack ids; unknown ids are skipped. */
    synchronized List<Lease> remove(Collection<UUID> ackIds) {
        List<Lease> removed = new ArrayList<>(ackIds.size());
        for (UUID id : ackIds) {
            Lease lease = byAckId.remove(id);
            if (lease != null) {
                byVisibleAt.remove(lease);
                removed.add(lease);
            }
        }
        return removed;
    }

    /** Removes and returns every lease. */
    synchronized List<Lease> removeAll() {
        List<Lease> all = new ArrayList<>(byAckId.values());
        byAckId.clear();
        byVisibleAt.clear();
        return all;
    }

    /** Moves the visibility of the leases with these ack ids to {@code visibleAtMillis}; returns how many were held. */
    synchronized int reschedule(Collection<UUID> ackIds, long visibleAtMillis) {
        int found = 0;
        for (UUID id : ackIds) {
            Lease lease = byAckId.get(id);
            if (lease != null) {
                byVisibleAt.remove(lease);
                Lease moved = lease.withVisibleAt(visibleAtMillis);
                byAckId.put(id, moved);
                byVisibleAt.add(moved);
                found++;
            }
        }
        notifyAll();
        return found;
    }

    synchronized int size() {
        return byAckId.size();
    }

    /**
     * Waits until some lease is due or {@code maxWaitMillis} passes, then removes and returns the
     * due leases (possibly none).
     */
    synchronized List<Lease> awaitExpired(long maxWaitMillis) throws InterruptedException {
        long now = System.currentTimeMillis();
        long until = now + maxWaitMillis;
        while (now < until && (byVisibleAt.isEmpty() || byVisibleAt.first().visibleAtMillis() > now)) {
            long next = byVisibleAt.isEmpty() ? until : Math.min(until, byVisibleAt.first().visibleAtMillis());
            wait(Math.max(1, next - now));
            now = System.currentTimeMillis();
        }
        List<Lease> due = new ArrayList<>();
        while (!byVisibleAt.isEmpty() && byVisibleAt.first().visibleAtMillis() <= now) {
            Lease lease = byVisibleAt.pollFirst();
            byAckId.remove(lease.ackId());
            due.add(lease);
        }
        return due;
    }
}
