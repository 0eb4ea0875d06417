package dev.sequin.app.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What our own tables say about the sinks: their durable backlogs ({@code sink_messages}) and
 * their recent dead letters. Polled, never called per scrape.
 */
interface StoredSinkState {

    /**
     * A sink's durable backlog.
     *
     * @param messages     how many messages wait in it
     * @param oldestAgeMs  how long ago its oldest row was stored, in milliseconds
     */
    record Backlog(long messages, double oldestAgeMs) {
    }

    /** Per sink with a non-empty backlog, its size and age; sinks not in the map hold none. */
    Map<UUID, Backlog> backlogs();

    /** The sinks with a message dead-lettered within {@code window}. */
    Set<UUID> deadLetteredWithin(Duration window);
}
