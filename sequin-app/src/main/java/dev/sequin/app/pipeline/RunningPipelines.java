package dev.sequin.app.pipeline;

import dev.sequin.delivery.queue.SinkBacklog;
import dev.sequin.replication.slot.SlotStatus;
import dev.sequin.sink.SinkSpec;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A read-only view of what runs now, for metrics and health: each sink's backlog and each source's
 * slot reader. Empty answers mean "not running" (not configured yet, stopped, or failed to start).
 */
@Component
public class RunningPipelines {

    private final PipelineSupervisor supervisor;

    RunningPipelines(PipelineSupervisor supervisor) {
        this.supervisor = supervisor;
    }

    /** The running backlog of a sink. */
    public Optional<SinkBacklog> backlog(SinkSpec sink) {
        return supervisor.backlog(sink);
    }

    /** What the slot reader of a source database is doing. */
    public Optional<SlotStatus> slotStatus(UUID databaseId) {
        return supervisor.slotStatus(databaseId);
    }
}
