package dev.sequin.app.pipeline;

import dev.sequin.delivery.pull.PullConsumer;
import dev.sequin.sink.SinkSpec;
import java.util.Optional;

/** Finds the running consumer group of a {@code sequin_stream} sink, for the pull API. */
public interface PullConsumers {

    /** The sink's consumer, or empty when the sink is not running (disabled, or its source is down). */
    Optional<PullConsumer> consumer(SinkSpec sink);
}
