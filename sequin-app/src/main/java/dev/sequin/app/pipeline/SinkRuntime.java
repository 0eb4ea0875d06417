package dev.sequin.app.pipeline;

import dev.sequin.delivery.queue.SinkDispatcher;
import dev.sequin.delivery.queue.SinkBacklog;
import dev.sequin.sink.SinkSpec;

/**
 * A running sink: its spec, its backlog and the dispatcher draining it. The backlog outlives
 * dispatchers: a sink whose settings change gets a new dispatcher over the same backlog, so nothing
 * waiting is lost.
 */
final class SinkRuntime implements AutoCloseable {

    private final SinkBacklog backlog;
    private volatile SinkSpec spec;
    private volatile Object target;
    private volatile SinkDispatcher dispatcher;

    /** @param target where the sink delivers (compared by value to notice endpoint edits), or {@code null} */
    SinkRuntime(SinkSpec spec, Object target, SinkBacklog backlog, SinkDispatcher dispatcher) {
        this.spec = spec;
        this.target = target;
        this.backlog = backlog;
        this.dispatcher = dispatcher;
    }

    /** Whether this runtime already runs {@code newSpec} against {@code newTarget}. */
    boolean runs(SinkSpec newSpec, Object newTarget) {
        return spec.equals(newSpec) && java.util.Objects.equals(target, newTarget);
    }

    SinkSpec spec() {
        return spec;
    }

    SinkBacklog backlog() {
        return backlog;
    }

    void replace(SinkSpec newSpec, Object newTarget, SinkDispatcher newDispatcher) {
        SinkDispatcher old = dispatcher;
        spec = newSpec;
        target = newTarget;
        dispatcher = newDispatcher;
        old.close();
    }

    @Override
    public void close() {
        dispatcher.close();
        backlog.close();
    }
}
