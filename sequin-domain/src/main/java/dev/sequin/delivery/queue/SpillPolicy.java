package dev.sequin.delivery.queue;

import java.time.Duration;

/**
 * When a sink in memory mode moves its messages to its durable backlog (spills), and why: it is
 * paused; its oldest message waited longer than {@code maxAge}; its deliveries keep failing; or
 * its memory budget is full while it is paused or failing, or stays full longer than
 * {@code fullPatience}. Until then a full budget holds the router back (back-pressure), which is
 * faster for a healthy sink that is merely catching up.
 *
 * <p>Not thread-safe: {@link SinkBacklog} calls it under its lock.
 */
final class SpillPolicy {

    private static final Duration FAILING_SPILL_AFTER = Duration.ofSeconds(5);

    private final SinkBacklog.Settings settings;
    private long fullSince;

    SpillPolicy(SinkBacklog.Settings settings) {
        this.settings = settings;
    }

    /** Memory has room: a later full budget starts its patience anew. */
    void hasRoom() {
        fullSince = 0;
    }

    /** The router found memory full: why to spill now, or {@code null} to hold the router back. */
    String whenFull(SinkQueue queue, boolean paused, long nowNanos) {
        if (fullSince == 0) {
            fullSince = nowNanos;
        }
        if (paused || queue.failingGroups() > 0 || nowNanos - fullSince >= settings.fullPatience().toNanos()) {
            fullSince = 0;
            return "memory full";
        }
        return null;
    }

    /** Asked every maintenance round about a non-empty queue: why to spill now, or {@code null}. */
    String onRound(SinkQueue queue, boolean paused, long nowNanos) {
        long age = queue.oldestEnqueuedNanos().stream().map(t -> nowNanos - t).findFirst().orElse(0L);
        if (paused) {
            return "sink paused";
        } else if (age > settings.maxAge().toNanos()) {
            return "messages waited longer than " + settings.maxAge().toSeconds() + " s";
        } else if (queue.failingGroups() > 0 && age > FAILING_SPILL_AFTER.toNanos()) {
            return "deliveries failing";
        }
        return null;
    }
}
