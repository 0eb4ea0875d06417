package dev.sequin.app.pipeline;

import dev.sequin.delivery.queue.AckLedger;
import dev.sequin.message.Lsn;
import dev.sequin.message.Position;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The delivered-ledger in table {@code sink_ack_ranges}: one statement per acknowledged batch,
 * one row per run of consecutive {@code commit_idx} within a transaction (see {@link AckRanges}).
 */
@Component
class JdbcAckLedger implements AckLedger {

    private final JdbcTemplate jdbc;

    JdbcAckLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records without waiting for the WAL flush ({@code synchronous_commit = off}): an ack lost to
     * a crash of our own Postgres only means a redelivery, which {@code Idempotency-Key} makes
     * harmless, and waiting for an fsync per acknowledged batch would cost every delivery a disk
     * round trip.
     */
    @Override
    public void record(UUID sinkId, Collection<Position> positions) {
        jdbc.execute((Connection c) -> {
            withoutSyncCommit(c, () -> insert(c, sinkId, positions));
            return null;
        });
    }

    /** Runs {@code work} in its own transaction with {@code synchronous_commit = off}. */
    static void withoutSyncCommit(Connection c, SqlWork work) throws java.sql.SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("SET LOCAL synchronous_commit TO off");
            }
            work.run();
            c.commit();
        } catch (java.sql.SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** A piece of JDBC work. */
    interface SqlWork {
        void run() throws java.sql.SQLException;
    }

    private static void insert(Connection c, UUID sinkId, Collection<Position> positions) throws java.sql.SQLException {
        List<AckRanges.Range> ranges = AckRanges.of(positions);
        String[] lsns = new String[ranges.size()];
        Integer[] firsts = new Integer[ranges.size()];
        Integer[] lasts = new Integer[ranges.size()];
        for (int i = 0; i < ranges.size(); i++) {
            AckRanges.Range r = ranges.get(i);
            lsns[i] = r.commitLsn().decimal();
            firsts[i] = r.firstIdx();
            lasts[i] = r.lastIdx();
        }
        // A range may be acknowledged again from the same first index (a redelivery after a
        // crash): keep the union, which for a shared start is the longer one.
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sink_ack_ranges (sink_id, commit_lsn, first_idx, last_idx) "
                        + "SELECT ?, * FROM unnest(?::numeric[], ?::int[], ?::int[]) "
                        + "ON CONFLICT (sink_id, commit_lsn, first_idx) "
                        + "DO UPDATE SET last_idx = greatest(sink_ack_ranges.last_idx, excluded.last_idx)")) {
            ps.setObject(1, sinkId);
            ps.setArray(2, c.createArrayOf("numeric", lsns));
            ps.setArray(3, c.createArrayOf("int4", firsts));
            ps.setArray(4, c.createArrayOf("int4", lasts));
            ps.executeUpdate();
        }
    }

    @Override
    public Set<Position> acknowledgedSince(UUID sinkId, Lsn from) {
        Set<Position> out = new HashSet<>();
        jdbc.query("SELECT commit_lsn::text, first_idx, last_idx FROM sink_ack_ranges WHERE sink_id = ? AND commit_lsn >= ?::numeric",
                rs -> {
                    Lsn lsn = Lsn.parseDecimal(rs.getString(1));
                    for (int idx = rs.getInt(2); idx <= rs.getInt(3); idx++) {
                        out.add(new Position(lsn, idx));
                    }
                }, sinkId, from.decimal());
        return out;
    }

    @Override
    public void prune(UUID sinkId, Lsn before) {
        jdbc.update("DELETE FROM sink_ack_ranges WHERE sink_id = ? AND commit_lsn < ?::numeric", sinkId,
                before.decimal());
    }
}
