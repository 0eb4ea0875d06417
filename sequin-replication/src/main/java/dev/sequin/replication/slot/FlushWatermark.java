package dev.sequin.replication.slot;

import dev.sequin.message.Lsn;
import java.util.Optional;

/**
 * The one place that decides which LSN we confirm to Postgres as flushed (invariant I1).
 *
 * <p>The rule: confirm {@code min(L, E)}, where {@code E} is the end of the last transaction whose
 * every change has been handed to the sinks' queues, and {@code L} is the lowest
 * {@code commit_lsn} that some sink still holds only in memory. Never confirm on receipt, and
 * never move backwards.
 *
 * <p>Why {@code L} (a commit record's start) is safe to confirm: on restart Postgres skips only
 * transactions whose commit record starts <em>before</em> the confirmed position, so the
 * transaction at {@code L} — and everything after it — is sent again.
 *
 * <p>Not thread-safe: owned by the slot reader's thread.
 */
final class FlushWatermark {

    private Lsn committedEnd;
    private Lsn confirmed;

    /** @param start the slot's {@code confirmed_flush_lsn} when streaming begins */
    FlushWatermark(Lsn start) {
        this.committedEnd = start;
        this.confirmed = start;
    }

    /** Every change of the transaction ending at {@code endLsn} has been handed to the queues. */
    void transactionHandedOff(Lsn endLsn) {
        committedEnd = Lsn.max(committedEnd, endLsn);
    }

    /**
     * The position to confirm now.
     *
     * @param lowestUnpersisted the lowest {@code commit_lsn} held only in memory by some sink
     */
    Lsn advance(Optional<Lsn> lowestUnpersisted) {
        Lsn candidate = lowestUnpersisted.map(l -> Lsn.min(l, committedEnd)).orElse(committedEnd);
        confirmed = Lsn.max(confirmed, candidate);
        return confirmed;
    }

    Lsn confirmed() {
        return confirmed;
    }
}
