package dev.sequin.message;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * One row change decoded from the WAL (or one row read by a backfill), encoded once and shared by
 * every sink it is routed to. Sink-specific parts of the wire message ({@code consumer},
 * {@code database}) are added at delivery time by {@link MessageEncoder}.
 *
 * <p>JSON-valued fields hold ready-encoded JSON text so the hot path never builds a tree: the
 * record is encoded once, however many sinks receive it.
 *
 * @param action          insert, update, delete or read
 * @param table           the relation as announced by pgoutput (the partition root when published
 *                        via the root)
 * @param commitLsn       the Begin message's {@code final_lsn}; the same for every change of the
 *                        transaction (contract §1.4)
 * @param commitIdx       0-based index of this change in its transaction, counting every I, U, D,
 *                        T and transactional M message, whether or not a sink receives it
 * @param commitTimestampMicros commit time in microseconds since the Unix epoch (UTC)
 * @param columnNames     column names of the relation in attnum order (shared, never copied)
 * @param columnTexts     the Postgres text form of each column of the record image (for deletes,
 *                        the old image), aligned with {@code columnNames}; {@code null} for SQL
 *                        NULL and for unchanged TOAST values. Used for grouping and filters.
 * @param recordJson      the {@code record} object as JSON text
 * @param changesJson     the {@code changes} value as JSON text: {@code null} (Java null, JSON
 *                        {@code null}) for insert, delete and read; an object for update
 * @param recordPks       primary-key values in attnum order, each as its text form
 * @param transactionAnnotationsJson the active transaction annotations as JSON object text, or
 *                        {@code null}
 */
public record ChangeMessage(
        Action action,
        TableName table,
        Lsn commitLsn,
        int commitIdx,
        long commitTimestampMicros,
        List<String> columnNames,
        List<String> columnTexts,
        String recordJson,
        String changesJson,
        List<String> recordPks,
        String transactionAnnotationsJson) {

    public ChangeMessage {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(commitLsn, "commitLsn");
        Objects.requireNonNull(columnNames, "columnNames");
        Objects.requireNonNull(columnTexts, "columnTexts");
        Objects.requireNonNull(recordJson, "recordJson");
        Objects.requireNonNull(recordPks, "recordPks");
    }

    /**
     * The change's idempotency key, {@code base64("<commit_lsn>:<commit_idx>")} (contract §1.3):
     * identical across redeliveries, restarts and a switch from Sequin on the same slot.
     */
    public String idempotencyKey() {
        String raw = commitLsn.decimal() + ":" + commitIdx;
        return Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    /** The position of this change in the total order of the stream. */
    public Position position() {
        return new Position(commitLsn, commitIdx);
    }

    /** The text value of a column of the record image, or {@code null} (no such column, or NULL). */
    public String columnText(String column) {
        int i = columnNames.indexOf(column);
        return i < 0 ? null : columnTexts.get(i);
    }
}
