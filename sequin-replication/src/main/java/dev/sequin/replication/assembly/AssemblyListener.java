package dev.sequin.replication.assembly;

import dev.sequin.message.ChangeMessage;
import dev.sequin.message.Lsn;
import dev.sequin.replication.pgoutput.PgOutputMessage.LogicalMessage;

/**
 * Receives what the {@link TransactionAssembler} makes of the stream, on the thread that feeds it,
 * in stream order: for each transaction its changes in {@code commit_idx} order, then
 * {@link #onCommit}. A listener that throws stops the assembly of that message; the caller
 * decides whether the stream goes on.
 */
public interface AssemblyListener {

    /** A row change, ready to route. */
    void onChange(ChangeMessage change);

    /**
     * A row change at least one of whose values could not be encoded (e.g. a {@code json} column
     * holding invalid JSON). The change is complete and keeps its position ({@code commit_lsn},
     * {@code commit_idx}, idempotency key), but each failed value appears in {@code recordJson}
     * / {@code changesJson} as its raw Postgres text, a JSON string. It must not be delivered as a
     * normal message: route it to the dead-letter store (invariant I5), where it can be inspected.
     *
     * @param failure the first failing column
     */
    void onUnencodableChange(ChangeMessage change, EncodingFailure failure);

    /**
     * The transaction's last change has been passed on.
     *
     * @param commitLsn the commit record's LSN (every change's {@code commit_lsn})
     * @param endLsn    just past the commit record: what may be confirmed to Postgres once every
     *                  change of this transaction is acknowledged or stored
     */
    void onCommit(Lsn commitLsn, Lsn endLsn);

    /**
     * A {@code pg_logical_emit_message} (heartbeats, backfill watermarks, annotations, anything
     * else), after the assembler has applied it. Never a change.
     *
     * @param commitLsn the enclosing transaction's {@code commit_lsn} for transactional messages,
     *                  {@code null} for non-transactional ones
     */
    default void onLogicalMessage(LogicalMessage message, Lsn commitLsn) {
    }

    /** A health warning, reported once per kind and table (see {@link HealthWarning}). */
    default void onHealthWarning(HealthWarning warning) {
    }
}
