package dev.sequin.sink;

import dev.sequin.message.Action;
import dev.sequin.message.MessageEncoder;
import dev.sequin.message.TableName;
import dev.sequin.source.SourceDatabase;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A sink as the pipeline sees it: immutable, complete, with every default applied. Read a fresh
 * one from {@link Sinks} after a {@code ConfigChanged(SINK, id)}; never cache across changes.
 *
 * @param id                 the sink's id, also {@code metadata.consumer.id}
 * @param name               also {@code metadata.consumer.name}
 * @param databaseId         the source database ({@code dev.sequin.source.SourceDatabases#byId})
 * @param status             {@code DISABLED} sinks are not routed to at all (contract §6.5)
 * @param source             which tables of the publication the sink receives
 * @param groupColumns       per table, the columns whose values form the group id instead of the
 *                           primary key (contract §6.3); tables not in the map group by PK. Empty
 *                           when message grouping is off.
 * @param actions            the WAL actions delivered (a subset of insert, update, delete);
 *                           {@code read} (backfill) messages are always delivered, whatever this is
 * @param messageGrouping    {@code false}: no groups, every message is independent
 * @param batchSize          1–1000; always 1 for an unbatched webhook
 * @param maxRetryCount      caps total delivery attempts (0 and 1 both mean one attempt);
 *                           {@code null} = retry forever
 * @param ackWaitMs          webhook receive timeout and pull visibility timeout; ≥ 500, default
 *                           30000
 * @param maxAckPending      pull API: most messages handed out and not yet acked (default 10000)
 * @param maxWaiting         pull API: most concurrent waiting receive calls (default 20; 429 past it)
 * @param batchTimeoutMs     how long to wait to fill a batch; {@code null} = the pipeline's default
 * @param timestampFormat    {@code "iso8601"} or {@code "unix_microsecond"}
 * @param messageKind        {@code "event"} (change messages) or {@code "record"} (row messages,
 *                           contract §1.7)
 * @param annotationsJson    the sink's annotations as JSON object text, for
 *                           {@code metadata.consumer.annotations}; never {@code null} ({@code "{}"})
 * @param loadSheddingPolicy {@code "pause_on_full"} or {@code "discard_on_full"}
 * @param maxMemoryMb        the sink's in-memory buffer budget; {@code null} = the pipeline's default
 * @param retryJson          the extension {@code retry} policy object as JSON text, or {@code null}
 *                           for the default backoff (contract §2)
 * @param destination        where messages go
 */
public record SinkSpec(
        UUID id,
        String name,
        UUID databaseId,
        SinkStatus status,
        SourceSelection source,
        Map<TableName, List<String>> groupColumns,
        Set<Action> actions,
        boolean messageGrouping,
        int batchSize,
        Integer maxRetryCount,
        int ackWaitMs,
        int maxAckPending,
        int maxWaiting,
        Integer batchTimeoutMs,
        String timestampFormat,
        String messageKind,
        String annotationsJson,
        String loadSheddingPolicy,
        Integer maxMemoryMb,
        String retryJson,
        Destination destination) {

    public static final int DEFAULT_ACK_WAIT_MS = 30_000;
    public static final int MIN_ACK_WAIT_MS = 500;
    public static final int DEFAULT_MAX_ACK_PENDING = 10_000;
    public static final int DEFAULT_MAX_WAITING = 20;

    public SinkSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(databaseId, "databaseId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        groupColumns = Map.copyOf(groupColumns);
        actions = Set.copyOf(actions);
        annotationsJson = annotationsJson == null ? "{}" : annotationsJson;
    }

    /**
     * Whether a change with this action goes to the sink: {@code read} (backfill) always does; a
     * row sink ({@code message_kind: record}) never gets deletes, which have no latest row
     * (contract §1.7).
     */
    public boolean delivers(Action action) {
        if (action == Action.READ) {
            return true;
        }
        return actions.contains(action) && !(deliversRows() && action == Action.DELETE);
    }

    /**
     * Writes this sink's messages from changes of {@code db}: row messages for
     * {@code message_kind: record}, change messages otherwise.
     */
    public MessageEncoder encoder(SourceDatabase db) {
        MessageEncoder.ConsumerInfo consumer = new MessageEncoder.ConsumerInfo(id, name, annotationsJson);
        MessageEncoder.DatabaseInfo database =
                new MessageEncoder.DatabaseInfo(db.id(), db.name(), db.annotationsJson(), db.database(), db.hostname());
        return deliversRows() ? MessageEncoder.rows(consumer, database) : new MessageEncoder(consumer, database);
    }

    /** Whether the sink receives row messages (latest row state) instead of change messages. */
    public boolean deliversRows() {
        return "record".equals(messageKind);
    }

    /** Whether the sink receives this table's changes at all (status aside). */
    public boolean selects(TableName table) {
        return source.selects(table);
    }
}
