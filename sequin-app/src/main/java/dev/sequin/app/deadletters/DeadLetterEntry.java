package dev.sequin.app.deadletters;

import dev.sequin.message.Action;
import dev.sequin.message.ChangeMessage;
import dev.sequin.message.Lsn;
import dev.sequin.message.TableName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One row of {@code dead_letters}. The JSON parts are the text stored, byte for byte.
 *
 * @param record       {@code null} in list queries, which do not read payloads
 * @param recordPks    the {@code record_pks} JSON array text
 */
record DeadLetterEntry(
        UUID id,
        UUID sinkId,
        TableName table,
        String action,
        long commitLsn,
        int commitIdx,
        long commitTimestampMicros,
        String idempotencyKey,
        String groupKey,
        String recordPks,
        String record,
        String changes,
        String transactionAnnotations,
        int attempts,
        String error,
        Instant insertedAt) {

    private static final JsonMapper JSON = JsonMapper.shared();

    /** {@code record_pks} as a list of strings. */
    List<String> recordPkList() {
        List<String> out = new ArrayList<>();
        for (JsonNode pk : JSON.readTree(recordPks)) {
            out.add(pk.isString() ? pk.asString() : pk.toString());
        }
        return out;
    }

    /** The change as the pipeline held it, enough to encode it again (no per-column texts). */
    ChangeMessage toChange() {
        return new ChangeMessage(Action.fromWireName(action), table, Lsn.of(commitLsn), commitIdx, commitTimestampMicros,
                List.of(), List.of(), record, changes, recordPkList(), transactionAnnotations);
    }
}
