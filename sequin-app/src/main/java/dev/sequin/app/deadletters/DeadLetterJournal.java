package dev.sequin.app.deadletters;

import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes the {@code stored} events of the audit trail for messages the pipeline moves into the
 * dead-letter store. Call it inside the transaction that inserts the dead letters, so a letter
 * never exists without its event (and vice versa).
 */
@Component
public class DeadLetterJournal {

    /** The actor of events the pipeline itself causes. */
    public static final String PIPELINE = "pipeline";

    /** One dead letter just stored: its row id, what identifies its message, and why it failed. */
    public record Stored(UUID deadLetterId, String idempotencyKey, String tableSchema, String tableName, String reason) {
    }

    private static final String INSERT = """
            INSERT INTO dead_letter_events (sink_id, dead_letter_id, event, idempotency_key, table_schema, table_name,
                reason, actor)
            VALUES (?, ?, 'stored', ?, ?, ?, ?, ?)
            """;

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;

    DeadLetterJournal(JdbcTemplate jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Records {@code stored} events and announces the count ({@link DeadLettersStored}). */
    public void stored(UUID sinkId, String sinkName, List<Stored> letters) {
        if (letters.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(INSERT, letters, letters.size(), (ps, letter) -> {
            ps.setObject(1, sinkId);
            ps.setObject(2, letter.deadLetterId());
            ps.setString(3, letter.idempotencyKey());
            ps.setString(4, letter.tableSchema());
            ps.setString(5, letter.tableName());
            ps.setString(6, letter.reason());
            ps.setString(7, PIPELINE);
        });
        events.publishEvent(new DeadLettersStored(sinkId, sinkName, letters.size()));
    }
}
