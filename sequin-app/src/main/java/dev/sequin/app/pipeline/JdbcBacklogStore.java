package dev.sequin.app.pipeline;

import dev.sequin.delivery.queue.BacklogStore;
import dev.sequin.delivery.queue.QueuedMessage;
import dev.sequin.message.Action;
import dev.sequin.message.ChangeMessage;
import dev.sequin.message.JsonText;
import dev.sequin.message.Lsn;
import dev.sequin.message.Position;
import dev.sequin.message.TableName;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The durable per-sink backlog in table {@code sink_messages}. */
@Component
class JdbcBacklogStore implements BacklogStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String INSERT = """
            INSERT INTO sink_messages (sink_id, commit_lsn, commit_idx, group_key, action, table_schema, table_name,
                commit_timestamp_us, record_pks, record, changes, transaction_annotations, attempts, last_error)
            VALUES (?, ?::numeric, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (sink_id, commit_lsn, commit_idx) DO NOTHING
            """;
    private static final String PAGE = """
            SELECT commit_lsn::text AS lsn_text, commit_idx, group_key, action, table_schema, table_name, commit_timestamp_us,
                   record_pks, record, changes, transaction_annotations, attempts, last_error
            FROM sink_messages
            WHERE sink_id = ? AND (commit_lsn, commit_idx) > (?::numeric, ?)
            ORDER BY commit_lsn, commit_idx
            LIMIT ?
            """;

    private final JdbcTemplate jdbc;

    JdbcBacklogStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void append(UUID sinkId, List<QueuedMessage> messages) {
        jdbc.batchUpdate(INSERT, messages, 1_000, (ps, m) -> {
            ChangeMessage c = m.change();
            ps.setObject(1, sinkId);
            ps.setString(2, c.commitLsn().decimal());
            ps.setInt(3, c.commitIdx());
            ps.setString(4, m.groupId());
            ps.setString(5, c.action().wireName());
            ps.setString(6, c.table().schema());
            ps.setString(7, c.table().name());
            ps.setLong(8, c.commitTimestampMicros());
            ps.setString(9, JsonText.appendStrings(new StringBuilder(), c.recordPks()).toString());
            ps.setString(10, c.recordJson());
            ps.setString(11, c.changesJson());
            ps.setString(12, c.transactionAnnotationsJson());
            ps.setInt(13, m.attempts());
            ps.setString(14, m.lastError());
        });
    }

    @Override
    public List<StoredMessage> page(UUID sinkId, Position after, int limit) {
        return jdbc.query(PAGE, (rs, n) -> {
            List<String> pks = new ArrayList<>();
            for (JsonNode pk : JSON.readTree(rs.getString("record_pks"))) {
                pks.add(pk.asString());
            }
            ChangeMessage change = new ChangeMessage(Action.fromWireName(rs.getString("action")),
                    new TableName(rs.getString("table_schema"), rs.getString("table_name")),
                    Lsn.parseDecimal(rs.getString(1)), rs.getInt("commit_idx"),
                    rs.getLong("commit_timestamp_us"), List.of(), List.of(), rs.getString("record"),
                    rs.getString("changes"), pks, rs.getString("transaction_annotations"));
            return new StoredMessage(change, rs.getString("group_key"), rs.getInt("attempts"), rs.getString("last_error"));
        }, sinkId, after.commitLsn().decimal(), after.commitIdx(), limit);
    }

    /** Without waiting for the WAL flush: a lost delete only means a redelivery (see JdbcAckLedger). */
    @Override
    public void delete(UUID sinkId, Collection<Position> positions) {
        jdbc.execute((Connection c) -> {
            JdbcAckLedger.withoutSyncCommit(c, () -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM sink_messages WHERE sink_id = ? AND (commit_lsn, commit_idx) IN "
                                + "(SELECT * FROM unnest(?::numeric[], ?::int[]))")) {
                    ps.setObject(1, sinkId);
                    ps.setArray(2, lsnArray(c, positions));
                    ps.setArray(3, idxArray(c, positions));
                    ps.executeUpdate();
                }
            });
            return null;
        });
    }

    @Override
    public java.util.Optional<Position> last(UUID sinkId) {
        return jdbc.query("SELECT commit_lsn::text AS lsn_text, commit_idx FROM sink_messages WHERE sink_id = ?"
                        + " ORDER BY commit_lsn DESC, commit_idx DESC LIMIT 1",
                (rs, n) -> new Position(Lsn.parseDecimal(rs.getString(1)), rs.getInt(2)), sinkId)
                .stream().findFirst();
    }

    @Override
    public long count(UUID sinkId) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM sink_messages WHERE sink_id = ?", Long.class, sinkId);
        return count == null ? 0 : count;
    }

    static Array lsnArray(Connection c, Collection<Position> positions) throws java.sql.SQLException {
        String[] lsns = new String[positions.size()];
        int i = 0;
        for (Position p : positions) {
            lsns[i++] = p.commitLsn().decimal();
        }
        return c.createArrayOf("numeric", lsns);
    }

    static Array idxArray(Connection c, Collection<Position> positions) throws java.sql.SQLException {
        Integer[] idx = new Integer[positions.size()];
        int i = 0;
        for (Position p : positions) {
            idx[i++] = p.commitIdx();
        }
        return c.createArrayOf("int4", idx);
    }
}
