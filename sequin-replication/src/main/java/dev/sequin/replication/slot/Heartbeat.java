package dev.sequin.replication.slot;

import dev.sequin.replication.source.SourceConnector;
import dev.sequin.source.SourceDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Sequin's heartbeat into the source's WAL (contract §6.2):
 * {@code pg_logical_emit_message(true, 'sequin.heartbeat.1', <json>)}. The message comes back
 * through the slot as its own small transaction, so an idle slot still advances its confirmed
 * position and WAL does not pile up. Heartbeats are never delivered to sinks.
 */
final class Heartbeat {

    private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);
    static final String PREFIX = "sequin.heartbeat.1";

    private final SourceDatabase db;

    Heartbeat(SourceDatabase db) {
        this.db = db;
    }

    /** Emits one heartbeat; failures are logged, never thrown (the next one will try again). */
    void emit() {
        try (Connection c = SourceConnector.connect(db);
             PreparedStatement s = c.prepareStatement("SELECT pg_logical_emit_message(true, ?, ?)")) {
            if (c.getMetaData().getDatabaseMajorVersion() < 14) {
                // pgoutput forwards logical messages only from Postgres 14 on.
                return;
            }
            s.setString(1, PREFIX);
            s.setString(2, "{\"id\":\"" + UUID.randomUUID() + "\",\"emitted_at\":\"" + Instant.now() + "\"}");
            s.execute();
        } catch (SQLException e) {
            log.warn("Could not emit a heartbeat on database {}: {}", db.name(), e.getMessage());
        }
    }
}
