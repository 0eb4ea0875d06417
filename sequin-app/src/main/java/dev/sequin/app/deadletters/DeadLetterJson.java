package dev.sequin.app.deadletters;

import dev.sequin.message.MessageEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.util.RawValue;

/** The API's rendering of dead letters and their audit events. */
final class DeadLetterJson {

    private DeadLetterJson() {
    }

    /** A list entry: what identifies the message and why it failed; no payload. */
    static Map<String, Object> summary(DeadLetterEntry e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", e.id().toString());
        out.put("sink_id", e.sinkId().toString());
        out.put("table", e.table().toString());
        out.put("action", e.action());
        out.put("record_pks", e.recordPkList());
        out.put("commit_lsn", e.commitLsn());
        out.put("commit_idx", e.commitIdx());
        out.put("idempotency_key", e.idempotencyKey());
        out.put("attempts", e.attempts());
        out.put("error", e.error());
        out.put("inserted_at", e.insertedAt().toString());
        return out;
    }

    /**
     * The entry with {@code message}: the exact JSON the sink would receive, as the encoder
     * writes it (embedded raw, so numbers and key order are not re-encoded).
     */
    static Map<String, Object> detail(DeadLetterEntry e, MessageEncoder encoder) {
        Map<String, Object> out = summary(e);
        out.put("message", new RawValue(new String(encoder.encode(e.toChange()), StandardCharsets.UTF_8)));
        return out;
    }

    static Map<String, Object> event(ResultSet rs) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", rs.getLong("id"));
        out.put("event", rs.getString("event"));
        out.put("dead_letter_id", rs.getObject("dead_letter_id", UUID.class).toString());
        out.put("idempotency_key", rs.getString("idempotency_key"));
        out.put("table", rs.getString("table_schema") + "." + rs.getString("table_name"));
        out.put("reason", rs.getString("reason"));
        out.put("actor", rs.getString("actor"));
        out.put("at", rs.getTimestamp("at").toInstant().toString());
        return out;
    }
}
