package dev.sequin.delivery.queue;

import dev.sequin.message.Lsn;
import dev.sequin.message.Position;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/**
 * What each sink has acknowledged above its slot's confirmed position ({@code sink_ack_ranges}). After a
 * crash Postgres re-sends everything from that position; the ledger keeps messages a sink already
 * acknowledged from being delivered again (invariant I3), without Redis.
 */
public interface AckLedger {

    /** Records acknowledged positions durably. Called before the queue forgets the messages. */
    void record(UUID sinkId, Collection<Position> positions);

    /** The positions acknowledged at or after {@code from}. */
    Set<Position> acknowledgedSince(UUID sinkId, Lsn from);

    /** Forgets positions before {@code before}: Postgres will not re-send them. */
    void prune(UUID sinkId, Lsn before);
}
