package dev.sequin.app.pipeline;

import dev.sequin.delivery.pull.PullConsumer;
import dev.sequin.delivery.queue.SinkDispatcher;

/** What empties a running sink's backlog: a dispatcher pushing to a destination, or pullers. */
sealed interface SinkDrain extends AutoCloseable {

    /** A push sink (webhook): its dispatcher sends batches. */
    record Push(SinkDispatcher dispatcher) implements SinkDrain {
        @Override
        public void close() {
            dispatcher.close();
        }
    }

    /** A {@code sequin_stream} sink: its consumer group serves the pull API. */
    record Pull(PullConsumer consumer) implements SinkDrain {
        @Override
        public void close() {
            consumer.close();
        }
    }

    @Override
    void close();
}
