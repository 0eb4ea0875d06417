package dev.sequin.sink;

import dev.sequin.message.TableName;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Sink specs for tests: defaults everywhere but what a test is about. */
final class SinkSpecs {

    private SinkSpecs() {
    }

    static SinkSpec grouped(Map<TableName, List<String>> groupColumns) {
        return spec(true, groupColumns);
    }

    static SinkSpec spec(boolean messageGrouping, Map<TableName, List<String>> groupColumns) {
        return new SinkSpec(UUID.randomUUID(), "orders_sink", UUID.randomUUID(), SinkStatus.ACTIVE, SourceSelection.ALL,
                groupColumns, SinkDefinition.ALL_ACTIONS, messageGrouping, 1, null, SinkSpec.DEFAULT_ACK_WAIT_MS,
                SinkSpec.DEFAULT_MAX_ACK_PENDING, SinkSpec.DEFAULT_MAX_WAITING, null, "iso8601", "event", "{}",
                "pause_on_full", null, null, new SequinStreamDestination());
    }
}
