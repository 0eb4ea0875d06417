package dev.sequin.app.pipeline;

import dev.sequin.app.deadletters.DeadLetterJournal;
import dev.sequin.delivery.DeadLetterStore;
import dev.sequin.message.ChangeMessage;
import dev.sequin.message.JsonText;
import dev.sequin.sink.GroupId;
import dev.sequin.sink.SinkSpec;
import dev.sequin.sink.Sinks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Dead letters in our own Postgres (table {@code dead_letters}), written before they leave a queue,
 * together with their {@code stored} audit events in one transaction.
 *
 * <p>JSON parts are stored as text, byte for byte as the sink would receive them. {@code group_key}
 * is the message's group id within its table ({@link GroupId}; {@code NULL} for a message in no
 * group), so a replay can rebuild the queue's group as {@code schema.table} plus this id.
 */
@Component
class JdbcDeadLetterStore implements DeadLetterStore {

    private static final String INSERT = """
            INSERT INTO dead_letters (id, sink_id, table_schema, table_name, action, commit_lsn, commit_idx,
                commit_timestamp_us, idempotency_key, group_key, record_pks, record, changes, transaction_annotations,
                attempts, error)
            VALUES (?, ?, ?, ?, ?, ?::numeric, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Sinks sinks;
    private final DeadLetterJournal journal;

    JdbcDeadLetterStore(JdbcTemplate jdbc, TransactionTemplate tx, Sinks sinks, DeadLetterJournal journal) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.sinks = sinks;
        this.journal = journal;
    }

    @Override
    public void store(UUID sinkId, List<DeadLetter> deadLetters) {
        if (deadLetters.isEmpty()) {
            return;
        }
        // Read before the write transaction: a sink deleted meanwhile still gets its letters kept.
        Optional<SinkSpec> sink = sinks.find(sinkId.toString());
        List<DeadLetterJournal.Stored> stored = new ArrayList<>(deadLetters.size());
        for (DeadLetter letter : deadLetters) {
            ChangeMessage c = letter.change();
            stored.add(new DeadLetterJournal.Stored(UUID.randomUUID(), c.idempotencyKey(), c.table().schema(),
                    c.table().name(), letter.reason()));
        }
        tx.executeWithoutResult(status -> {
            jdbc.batchUpdate(INSERT, IntStream.range(0, stored.size()).boxed().toList(), stored.size(), (ps, i) -> {
                DeadLetter letter = deadLetters.get(i);
                ChangeMessage c = letter.change();
                ps.setObject(1, stored.get(i).deadLetterId());
                ps.setObject(2, sinkId);
                ps.setString(3, c.table().schema());
                ps.setString(4, c.table().name());
                ps.setString(5, c.action().wireName());
                ps.setString(6, c.commitLsn().decimal());
                ps.setInt(7, c.commitIdx());
                ps.setLong(8, c.commitTimestampMicros());
                ps.setString(9, c.idempotencyKey());
                ps.setString(10, sink.map(s -> GroupId.of(s, c)).filter(g -> !g.isEmpty()).orElse(null));
                ps.setString(11, JsonText.appendStrings(new StringBuilder(), c.recordPks()).toString());
                ps.setString(12, c.recordJson());
                ps.setString(13, c.changesJson());
                ps.setString(14, c.transactionAnnotationsJson());
                ps.setInt(15, letter.attempts());
                ps.setString(16, letter.reason());
            });
            journal.stored(sinkId, sink.map(SinkSpec::name).orElse(sinkId.toString()), stored);
        });
    }
}
