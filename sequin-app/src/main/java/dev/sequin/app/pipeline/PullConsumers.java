package dev.sequin.app.pipeline;

import dev.sequin.delivery.pull.PullConsumer;
import java.util.Optional;

/** Finds the running consumer group of a {@code sequin_stream} sink, for the pull API. */
public interface PullConsumers {

    /**
     * The running consumer of the pull sink with this id or name, without a database query (the
     * pull API asks twice per batch). Empty when there is no such sink or it is not running
     * (disabled, or its source is down).
     */
    Optional<PullConsumer> find(String idOrName);
}
