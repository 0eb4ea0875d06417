package dev.sequin.delivery;

import dev.sequin.message.ChangeMessage;
import dev.sequin.message.Lsn;
import java.util.Optional;

/**
 * Where a slot reader hands its decoded changes, and how it learns how far it may flush. This is
 * the one meeting point of replication and delivery (they never import each other).
 *
 * <p>Both methods are called by the slot reader's single thread.
 */
public interface ChangeIntake {

    /**
     * Routes one change to every sink that wants it.
     *
     * @return {@code false} when some target sink has no room and the change was not taken (nothing
     *         of it was queued); the reader keeps its connection alive and offers it again. This is
     *         back-pressure: replication slows down, nothing is dropped.
     */
    boolean offer(ChangeMessage change);

    /**
     * Sets aside a change that cannot be delivered as it is (a value that could not be encoded):
     * every sink that would have received it records it as a dead letter. Nothing is queued.
     */
    void setAside(ChangeMessage change, String reason);

    /**
     * The lowest {@code commit_lsn} that some sink of this slot holds only in memory (neither
     * acknowledged nor durably stored), or empty when there is none. The flush watermark never
     * passes it (invariant I1).
     */
    Optional<Lsn> lowestUnpersisted();
}
