package dev.sequin.app.pipeline;

import dev.sequin.delivery.queue.SinkBacklog;
import dev.sequin.sink.SinkSpec;
import java.util.Objects;

/**
 * A running sink: its spec, its backlog and what drains it. The backlog outlives drains: a sink
 * whose settings change gets a new dispatcher (or its consumer is reconfigured) over the same
 * backlog, so nothing waiting is lost.
 */
final class SinkRuntime implements AutoCloseable {

    private final SinkBacklog backlog;
    private volatile SinkSpec spec;
    private volatile Object target;
    private volatile SinkDrain drain;

    /** @param target where the sink delivers (compared by value to notice endpoint edits), or {@code null} */
    SinkRuntime(SinkSpec spec, Object target, SinkBacklog backlog, SinkDrain drain) {
        this.spec = spec;
        this.target = target;
        this.backlog = backlog;
        this.drain = drain;
    }

    /** Whether this runtime already runs {@code newSpec} against {@code newTarget}. */
    boolean runs(SinkSpec newSpec, Object newTarget) {
        return spec.equals(newSpec) && Objects.equals(target, newTarget);
    }

    SinkSpec spec() {
        return spec;
    }

    SinkBacklog backlog() {
        return backlog;
    }

    SinkDrain drain() {
        return drain;
    }

    /** Records settings that the current drain has taken over in place. */
    void update(SinkSpec newSpec, Object newTarget) {
        spec = newSpec;
        target = newTarget;
    }

    void replace(SinkSpec newSpec, Object newTarget, SinkDrain newDrain) {
        SinkDrain old = drain;
        update(newSpec, newTarget);
        drain = newDrain;
        old.close();
    }

    @Override
    public void close() {
        drain.close();
        backlog.close();
    }
}
