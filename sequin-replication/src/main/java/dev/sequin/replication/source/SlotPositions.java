package dev.sequin.replication.source;

import dev.sequin.message.Lsn;
import dev.sequin.source.SourceDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Reads a replication slot's positions from {@code pg_replication_slots}. Stateless. */
public final class SlotPositions {

    private SlotPositions() {
    }

    /**
     * The slot's {@code confirmed_flush_lsn}: where Postgres resumes sending.
     *
     * @return empty when the slot does not exist; {@link Lsn#ZERO} when it has no position yet
     */
    public static Optional<Lsn> confirmedFlush(SourceDatabase db) throws SQLException {
        try (Connection c = SourceConnector.connect(db);
             PreparedStatement s = c.prepareStatement(
                     "SELECT confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = ?")) {
            s.setString(1, db.slotName());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String text = rs.getString(1);
                return Optional.of(text == null ? Lsn.ZERO : Lsn.parse(text));
            }
        }
    }
}
