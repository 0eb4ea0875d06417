package dev.sequin.delivery;

import java.util.UUID;

/**
 * Published (as a Spring application event, after commit) when rows were added to a sink's
 * durable backlog ({@code sink_messages}) outside the pipeline, e.g. dead letters replayed by an
 * operator, so the running sink reads them.
 */
public record BacklogAppended(UUID sinkId) {
}
