package dev.sequin.app.deadletters;

import dev.sequin.delivery.BacklogAppended;
import dev.sequin.message.TableName;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads and changes one sink's dead letters. Replay and discard are each one SQL statement in one
 * transaction: the rows leave {@code dead_letters}, land in {@code sink_messages} (replay) and
 * get their audit events together, so a concurrent replay and discard of the same entry cannot
 * both happen — the second finds nothing to move.
 */
@Service
class DeadLetterService {

    private static final String COLUMNS = "id, sink_id, table_schema, table_name, action, commit_lsn, commit_idx,"
            + " commit_timestamp_us, idempotency_key, group_key, record_pks, attempts, error, inserted_at";

    /**
     * Replayed messages join the backlog, which is read back in commit order, with a fresh retry
     * budget. A message already in the backlog at the same position (re-sent after a restart)
     * stays as it is: the dead letter is then simply gone, since its message is pending anyway.
     */
    private static final String REPLAY = """
            WITH moved AS (
                DELETE FROM dead_letters WHERE sink_id = ? %s RETURNING *
            ), appended AS (
                INSERT INTO sink_messages (sink_id, commit_lsn, commit_idx, group_key, action, table_schema, table_name,
                    commit_timestamp_us, record_pks, record, changes, transaction_annotations, attempts, last_error)
                SELECT sink_id, commit_lsn, commit_idx,
                    -- the queue's group key: schema.table, unit separator, group id (see Router.groupKey)
                    CASE WHEN group_key IS NULL THEN NULL ELSE table_schema || '.' || table_name || chr(31) || group_key END,
                    action, table_schema, table_name, commit_timestamp_us,
                    record_pks, record, changes, transaction_annotations, 0, NULL
                FROM moved ORDER BY commit_lsn, commit_idx
                ON CONFLICT DO NOTHING
                RETURNING 1
            ), audited AS (
                INSERT INTO dead_letter_events (sink_id, dead_letter_id, event, idempotency_key, table_schema, table_name,
                    reason, actor)
                SELECT sink_id, id, 'replayed', idempotency_key, table_schema, table_name, ?, ? FROM moved
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM moved), (SELECT count(*) FROM appended), (SELECT count(*) FROM audited)
            """;

    private static final String DISCARD = """
            WITH removed AS (
                DELETE FROM dead_letters WHERE sink_id = ? %s RETURNING *
            ), audited AS (
                INSERT INTO dead_letter_events (sink_id, dead_letter_id, event, idempotency_key, table_schema, table_name,
                    reason, actor)
                SELECT sink_id, id, 'discarded', idempotency_key, table_schema, table_name, ?, ? FROM removed
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM removed), 0, (SELECT count(*) FROM audited)
            """;

    private static final RowMapper<DeadLetterEntry> SUMMARY = (rs, n) -> entry(rs, false);
    private static final RowMapper<DeadLetterEntry> FULL = (rs, n) -> entry(rs, true);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;

    DeadLetterService(JdbcTemplate jdbc, TransactionTemplate tx, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.events = events;
    }

    /** Newest first, without payloads. */
    List<DeadLetterEntry> list(UUID sinkId, DeadLetterFilter filter, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM dead_letters WHERE sink_id = ?");
        List<Object> args = new ArrayList<>(List.of(sinkId));
        filter.appendTo(sql, args);
        sql.append(" ORDER BY inserted_at DESC, id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), SUMMARY, args.toArray());
    }

    Optional<DeadLetterEntry> find(UUID sinkId, UUID id) {
        return jdbc.query("SELECT " + COLUMNS + ", record, changes, transaction_annotations FROM dead_letters"
                + " WHERE sink_id = ? AND id = ?", FULL, sinkId, id).stream().findFirst();
    }

    /**
     * Moves the selected dead letters into the sink's backlog; after commit the running sink
     * hears of it ({@link BacklogAppended}, delivered to transactional listeners).
     *
     * @return how many moved
     */
    int replay(UUID sinkId, DeadLetterSelection selection, String actor) {
        return tx.execute(status -> {
            int moved = run(REPLAY, sinkId, selection, actor);
            if (moved > 0) {
                events.publishEvent(new BacklogAppended(sinkId));
            }
            return moved;
        });
    }

    /** Deletes the selected dead letters. @return how many were deleted */
    int discard(UUID sinkId, DeadLetterSelection selection, String actor) {
        return tx.execute(status -> run(DISCARD, sinkId, selection, actor));
    }

    private int run(String template, UUID sinkId, DeadLetterSelection selection, String actor) {
        StringBuilder where = new StringBuilder();
        List<Object> args = new ArrayList<>(List.of(sinkId));
        selection.appendTo(where, args);
        args.add(selection.reason());
        args.add(actor);
        long[] counts = jdbc.queryForObject(template.formatted(where),
                (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}, args.toArray());
        long moved = counts[0];
        // Every row moved must have been audited; a mismatch rolls the move back.
        if (counts[2] != moved || counts[1] > moved) {
            throw new IllegalStateException("Dead-letter move out of step: " + java.util.Arrays.toString(counts));
        }
        return Math.toIntExact(moved);
    }

    /** The audit trail, newest first. */
    List<Map<String, Object>> events(UUID sinkId, String event, UUID deadLetterId, Long beforeId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, event, dead_letter_id, idempotency_key, table_schema, table_name,"
                + " reason, actor, at FROM dead_letter_events WHERE sink_id = ?");
        List<Object> args = new ArrayList<>(List.of(sinkId));
        if (event != null) {
            sql.append(" AND event = ?");
            args.add(event);
        }
        if (deadLetterId != null) {
            sql.append(" AND dead_letter_id = ?");
            args.add(deadLetterId);
        }
        if (beforeId != null) {
            sql.append(" AND id < ?");
            args.add(beforeId);
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, n) -> DeadLetterJson.event(rs), args.toArray());
    }

    private static DeadLetterEntry entry(ResultSet rs, boolean payload) throws SQLException {
        Timestamp inserted = rs.getTimestamp("inserted_at");
        return new DeadLetterEntry(
                rs.getObject("id", UUID.class),
                rs.getObject("sink_id", UUID.class),
                new TableName(rs.getString("table_schema"), rs.getString("table_name")),
                rs.getString("action"),
                Long.parseUnsignedLong(rs.getBigDecimal("commit_lsn").toPlainString()),
                rs.getInt("commit_idx"),
                rs.getLong("commit_timestamp_us"),
                rs.getString("idempotency_key"),
                rs.getString("group_key"),
                rs.getString("record_pks"),
                payload ? rs.getString("record") : null,
                payload ? rs.getString("changes") : null,
                payload ? rs.getString("transaction_annotations") : null,
                rs.getInt("attempts"),
                rs.getString("error"),
                inserted.toInstant());
    }
}
