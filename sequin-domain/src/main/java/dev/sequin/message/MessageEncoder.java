package dev.sequin.message;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Writes the message JSON a sink receives, in one of two shapes:
 * <ul>
 *   <li>a <b>change message</b> (contract §1.1): {@code record}, {@code changes}, {@code action}
 *       and {@code metadata} with every key present;</li>
 *   <li>a <b>row message</b> ({@link #rows}, contract §1.7, a sink with {@code message_kind:
 *       record}): only {@code record} — the row's latest state — and {@code metadata} with
 *       {@code table_schema}, {@code table_name}, {@code commit_timestamp}, {@code commit_lsn},
 *       {@code idempotency_key}, {@code database_name} and {@code consumer}, as Sequin v0.9 sent
 *       them. No {@code action}, no {@code changes}.</li>
 * </ul>
 * One encoder per sink: the sink-specific tail of {@code metadata} is rendered once, and each
 * message only adds its own parts to the change's pre-encoded record.
 *
 * <p>Thread-safe (immutable).
 */
public final class MessageEncoder {

    /** The sink as {@code metadata.consumer} shows it. */
    public record ConsumerInfo(UUID id, String name, String annotationsJson) {
    }

    /** The source database entry as {@code metadata.database} shows it. */
    public record DatabaseInfo(UUID id, String name, String annotationsJson, String database, String hostname) {
    }

    private final String metadataTail;
    private final String rowMetadataTail;
    private final boolean rows;

    /** An encoder of change messages (contract §1.1). */
    public MessageEncoder(ConsumerInfo consumer, DatabaseInfo database) {
        this(consumer, database, false);
    }

    /** An encoder of row messages (contract §1.7), for sinks with {@code message_kind: record}. */
    public static MessageEncoder rows(ConsumerInfo consumer, DatabaseInfo database) {
        return new MessageEncoder(consumer, database, true);
    }

    private MessageEncoder(ConsumerInfo consumer, DatabaseInfo database, boolean rows) {
        this.rows = rows;
        StringBuilder rowTail = new StringBuilder(160);
        rowTail.append(",\"database_name\":");
        JsonText.appendString(rowTail, database.name());
        appendConsumer(rowTail.append(','), consumer).append('}');
        this.rowMetadataTail = rowTail.toString();
        StringBuilder tail = new StringBuilder(256);
        tail.append(",\"database_name\":");
        JsonText.appendString(tail, database.name());
        appendConsumer(tail.append(",\"enrichment\":null,"), consumer);
        tail.append(",\"database\":{\"id\":");
        JsonText.appendString(tail, database.id().toString());
        tail.append(",\"name\":");
        JsonText.appendString(tail, database.name());
        tail.append(",\"annotations\":").append(objectOrEmpty(database.annotationsJson()));
        tail.append(",\"database\":");
        JsonText.appendString(tail, database.database());
        tail.append(",\"hostname\":");
        JsonText.appendString(tail, database.hostname());
        tail.append("}}");
        this.metadataTail = tail.toString();
    }

    /** {@code "consumer":{"id":…,"name":…,"annotations":{…}}}: the same in both shapes. */
    private static StringBuilder appendConsumer(StringBuilder out, ConsumerInfo consumer) {
        out.append("\"consumer\":{\"id\":");
        JsonText.appendString(out, consumer.id().toString());
        out.append(",\"name\":");
        JsonText.appendString(out, consumer.name());
        return out.append(",\"annotations\":").append(objectOrEmpty(consumer.annotationsJson())).append('}');
    }

    private static String objectOrEmpty(String json) {
        return json == null || json.isBlank() ? "{}" : json;
    }

    /** One message as UTF-8 JSON bytes. */
    public byte[] encode(ChangeMessage change) {
        StringBuilder out = new StringBuilder(change.recordJson().length() * 2 + 512);
        appendTo(out, change);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code {"data": [msg, …]}}, the body of a batched webhook. */
    public byte[] encodeBatch(List<ChangeMessage> changes) {
        StringBuilder out = new StringBuilder(changes.size() * 768 + 16);
        out.append("{\"data\":[");
        for (int i = 0; i < changes.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            appendTo(out, changes.get(i));
        }
        out.append("]}");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Appends one message object, in this encoder's shape. */
    public void appendTo(StringBuilder out, ChangeMessage change) {
        if (rows) {
            appendRow(out, change);
            return;
        }
        out.append("{\"record\":").append(change.recordJson());
        out.append(",\"changes\":").append(change.changesJson() == null ? "null" : change.changesJson());
        out.append(",\"action\":\"").append(change.action().wireName()).append('"');
        out.append(",\"metadata\":{\"table_schema\":");
        JsonText.appendString(out, change.table().schema());
        out.append(",\"table_name\":");
        JsonText.appendString(out, change.table().name());
        out.append(",\"commit_timestamp\":\"");
        appendTimestamp(out, change.commitTimestampMicros());
        out.append("\",\"commit_lsn\":").append(change.commitLsn().decimal());
        out.append(",\"commit_idx\":").append(change.commitIdx());
        out.append(",\"idempotency_key\":\"").append(change.idempotencyKey()).append('"');
        out.append(",\"record_pks\":");
        JsonText.appendStrings(out, change.recordPks());
        out.append(",\"transaction_annotations\":")
                .append(change.transactionAnnotationsJson() == null ? "null" : change.transactionAnnotationsJson());
        out.append(metadataTail).append('}');
    }

    private void appendRow(StringBuilder out, ChangeMessage change) {
        out.append("{\"record\":").append(change.recordJson());
        out.append(",\"metadata\":{\"table_schema\":");
        JsonText.appendString(out, change.table().schema());
        out.append(",\"table_name\":");
        JsonText.appendString(out, change.table().name());
        out.append(",\"commit_timestamp\":\"");
        appendTimestamp(out, change.commitTimestampMicros());
        out.append("\",\"commit_lsn\":").append(change.commitLsn().decimal());
        out.append(",\"idempotency_key\":\"").append(change.idempotencyKey()).append('"');
        out.append(rowMetadataTail).append('}');
    }

    /** UTC, ISO-8601, exactly six fractional digits and {@code Z} (contract §1.2). */
    static void appendTimestamp(StringBuilder out, long epochMicros) {
        long seconds = Math.floorDiv(epochMicros, 1_000_000L);
        int micros = (int) Math.floorMod(epochMicros, 1_000_000L);
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            out.append(Instant.ofEpochSecond(seconds, micros * 1000L));
            return;
        }
        pad(out, year, 4).append('-');
        pad(out, t.getMonthValue(), 2).append('-');
        pad(out, t.getDayOfMonth(), 2).append('T');
        pad(out, t.getHour(), 2).append(':');
        pad(out, t.getMinute(), 2).append(':');
        pad(out, t.getSecond(), 2).append('.');
        pad(out, micros, 6).append('Z');
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits);
    }
}
