/**
 * The dead-letter store as operators use it (invariant I5, contract §8 R4): list, filter and
 * inspect the messages a sink set aside — each rendered as the exact JSON the sink would receive —
 * replay them into the sink's durable backlog ({@code sink_messages}) in commit order, or discard
 * them. Every move into the store and every operator action is written to the
 * {@code dead_letter_events} audit trail in the same transaction as the move itself.
 *
 * <p>The pipeline writes dead letters through {@code dev.sequin.app.pipeline.JdbcDeadLetterStore},
 * which records its {@code stored} events through {@link dev.sequin.app.deadletters.DeadLetterJournal}.
 */
package dev.sequin.app.deadletters;
