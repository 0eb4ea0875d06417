package dev.sequin.app.pipeline;

import dev.sequin.delivery.pull.PullConsumer;
import dev.sequin.delivery.queue.SinkBacklog;
import dev.sequin.replication.slot.SlotStatus;
import dev.sequin.sink.SinkSpec;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A read-only view of what runs now, for metrics, health and the pull API: each sink's backlog,
 * each pull sink's consumer group and each source's slot reader. Empty answers mean "not running"
 * (not configured yet, disabled, stopped, or failed to start).
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

    /**
     * The running consumer group of the {@code sequin_stream} sink with this id or name, found in
     * memory without a database query (the pull API asks twice per batch).
     */
    public Optional<PullConsumer> pullConsumer(String idOrName) {
        return supervisor.pullConsumer(idOrName);
    }

    /** What the slot reader of a source database is doing. */
    public Optional<SlotStatus> slotStatus(UUID databaseId) {
        return supervisor.slotStatus(databaseId);
    }
}
