package dev.sequin.delivery.routing;

import dev.sequin.delivery.queue.SinkBacklog;
import dev.sequin.sink.SinkSpec;

/** One sink of a slot: what it wants ({@link SinkSpec}) and where its messages wait. */
public record Route(SinkSpec sink, SinkBacklog backlog) {
}
