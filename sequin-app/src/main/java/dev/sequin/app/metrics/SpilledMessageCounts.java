package dev.sequin.app.metrics;

import java.util.Map;
import java.util.UUID;

/**
 * The hook behind {@code sequin_messages_spilled}: how many messages each sink holds in its
 * durable backlog ({@code sink_messages}). Polled, never called per scrape.
 */
interface SpilledMessageCounts {

    /** Per sink with a non-empty backlog, its message count; sinks not in the map hold none. */
    Map<UUID, Long> bySink();
}
