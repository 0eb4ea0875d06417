package dev.sequin.app.pipeline;

import dev.sequin.delivery.queue.AckLedger;
import dev.sequin.message.Lsn;
import dev.sequin.message.Position;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The delivered-ledger in table {@code sink_acks}: one statement per acknowledged batch. */
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
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sink_acks (sink_id, commit_lsn, commit_idx) "
                        + "SELECT ?, * FROM unnest(?::numeric[], ?::int[]) ON CONFLICT DO NOTHING")) {
            ps.setObject(1, sinkId);
            ps.setArray(2, JdbcBacklogStore.lsnArray(c, positions));
            ps.setArray(3, JdbcBacklogStore.idxArray(c, positions));
            ps.executeUpdate();
        }
    }

    @Override
    public Set<Position> acknowledgedSince(UUID sinkId, Lsn from) {
        Set<Position> out = new HashSet<>();
        jdbc.query("SELECT commit_lsn::text, commit_idx FROM sink_acks WHERE sink_id = ? AND commit_lsn >= ?::numeric",
                rs -> {
                    out.add(new Position(Lsn.parseDecimal(rs.getString(1)), rs.getInt(2)));
                }, sinkId, from.decimal());
        return out;
    }

    @Override
    public void prune(UUID sinkId, Lsn before) {
        jdbc.update("DELETE FROM sink_acks WHERE sink_id = ? AND commit_lsn < ?::numeric", sinkId,
                before.decimal());
    }
}
