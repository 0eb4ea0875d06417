package dev.sequin.app.pipeline;

import dev.sequin.delivery.DeadLetterStore;
import dev.sequin.message.ChangeMessage;
import dev.sequin.message.JsonText;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Dead letters in our own Postgres (table {@code dead_letters}), written before they leave a queue. */
@Component
class JdbcDeadLetterStore implements DeadLetterStore {

    private static final String INSERT = """
            INSERT INTO dead_letters (id, sink_id, table_schema, table_name, action, commit_lsn, commit_idx,
                commit_timestamp_us, idempotency_key, record_pks, record, changes, transaction_annotations, attempts, error)
            VALUES (?, ?, ?, ?, ?, ?::numeric, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?)
            """;

    private final JdbcTemplate jdbc;

    JdbcDeadLetterStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void store(UUID sinkId, List<DeadLetter> deadLetters) {
        jdbc.batchUpdate(INSERT, deadLetters, deadLetters.size(), (ps, letter) -> {
            ChangeMessage c = letter.change();
            ps.setObject(1, UUID.randomUUID());
            ps.setObject(2, sinkId);
            ps.setString(3, c.table().schema());
            ps.setString(4, c.table().name());
            ps.setString(5, c.action().wireName());
            ps.setString(6, Long.toUnsignedString(c.commitLsn().value()));
            ps.setInt(7, c.commitIdx());
            ps.setLong(8, c.commitTimestampMicros());
            ps.setString(9, c.idempotencyKey());
            ps.setString(10, JsonText.appendStrings(new StringBuilder(), c.recordPks()).toString());
            ps.setString(11, c.recordJson());
            ps.setString(12, c.changesJson());
            ps.setString(13, c.transactionAnnotationsJson());
            ps.setInt(14, letter.attempts());
            ps.setString(15, letter.reason());
        });
    }
}
