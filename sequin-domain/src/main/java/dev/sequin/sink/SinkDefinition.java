package dev.sequin.sink;

import dev.sequin.message.Action;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Everything a user sets on a sink, with defaults applied: what the API and {@code sequin.yaml}
 * read and write. A create builds one from defaults, an update merges the request onto the
 * stored one; the result is validated as a whole and then written with {@link Sink#apply}.
 *
 * @param tables              the {@code tables} list (group columns); may name tables that are not
 *                            in {@code source.include_tables}
 * @param actions             in the order given, for rendering
 * @param filterFunction      function names, {@code null} for {@code "none"} (likewise the other
 *                            three)
 * @param annotationsJson     a JSON object text, never {@code null}
 * @param retryJson           the extension {@code retry} object as JSON text, or {@code null}
 * @param initialBackfillJson the {@code initial_backfill} value as JSON text, kept for the
 *                            backfill feature, or {@code null}
 */
public record SinkDefinition(
        String name,
        UUID databaseId,
        SinkStatus status,
        SourceSelection source,
        List<SinkTable> tables,
        Set<Action> actions,
        Destination destination,
        String filterFunction,
        String transformFunction,
        String routingFunction,
        String enrichmentFunction,
        boolean messageGrouping,
        int batchSize,
        Integer maxRetryCount,
        String loadSheddingPolicy,
        String timestampFormat,
        String messageKind,
        String annotationsJson,
        int ackWaitMs,
        int maxAckPending,
        int maxWaiting,
        Integer batchTimeoutMs,
        Integer maxMemoryMb,
        String retryJson,
        String initialBackfillJson) {

    /** The default {@code actions}: every WAL action. */
    public static final Set<Action> ALL_ACTIONS =
            Collections.unmodifiableSet(new LinkedHashSet<>(List.of(Action.INSERT, Action.UPDATE, Action.DELETE)));

    public SinkDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(databaseId, "databaseId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        tables = List.copyOf(tables);
        actions = Collections.unmodifiableSet(new LinkedHashSet<>(actions));
        annotationsJson = annotationsJson == null ? "{}" : annotationsJson;
    }

    /**
     * A new sink's definition with Sequin's defaults (contract §5.4, §6.4): active, every table of
     * the publication, all actions, grouping on, batch size 1 (webhook and sequin_stream),
     * pause_on_full, iso8601, event messages, ack wait 30 s.
     */
    public static SinkDefinition defaults(String name, UUID databaseId, Destination destination) {
        return new SinkDefinition(name, databaseId, SinkStatus.ACTIVE, SourceSelection.ALL, List.of(), ALL_ACTIONS,
                destination, null, null, null, null, true, 1, null, "pause_on_full", "iso8601", "event", "{}",
                SinkSpec.DEFAULT_ACK_WAIT_MS, SinkSpec.DEFAULT_MAX_ACK_PENDING, SinkSpec.DEFAULT_MAX_WAITING,
                null, null, null, null);
    }
}
