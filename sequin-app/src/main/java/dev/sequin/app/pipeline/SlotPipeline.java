package dev.sequin.app.pipeline;

import dev.sequin.delivery.Backoff;
import dev.sequin.delivery.DeadLetterStore;
import dev.sequin.delivery.SinkClient;
import dev.sequin.delivery.queue.FailingMessage;
import dev.sequin.delivery.queue.SinkDispatcher;
import dev.sequin.delivery.queue.SinkQueue;
import dev.sequin.delivery.routing.Route;
import dev.sequin.delivery.routing.Router;
import dev.sequin.replication.slot.SlotReader;
import dev.sequin.replication.slot.SlotStatus;
import dev.sequin.sink.SinkSpec;
import dev.sequin.sink.SinkStatus;
import dev.sequin.sink.WebhookDestination;
import dev.sequin.source.SourceDatabase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything that runs for one source database: its slot reader, the router, and one queue and
 * dispatcher per sink. Reconciled against the sinks' current specs whenever configuration changes.
 *
 * <p>Not thread-safe; the supervisor serialises calls.
 */
final class SlotPipeline implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SlotPipeline.class);

    private final SourceDatabase db;
    private final Router router;
    private final SlotReader reader;
    private final Map<UUID, SinkRuntime> sinks = new HashMap<>();
    private final SinkClients clients;
    private final DeadLetterStore deadLetters;
    private final Backoff backoff;
    private final PipelineProperties props;

    SlotPipeline(SourceDatabase db, SinkClients clients, DeadLetterStore deadLetters, Backoff backoff,
                 PipelineProperties props, SlotReader.Settings readerSettings) {
        this.db = db;
        this.clients = clients;
        this.deadLetters = deadLetters;
        this.backoff = backoff;
        this.props = props;
        this.router = new Router(deadLetters);
        this.reader = new SlotReader(db, router, readerSettings);
    }

    SourceDatabase database() {
        return db;
    }

    void start() {
        reader.start();
    }

    /** Brings the sinks in line with {@code specs} (all sinks of this database). */
    void reconcile(List<SinkSpec> specs) {
        Map<UUID, SinkSpec> wanted = new HashMap<>();
        for (SinkSpec spec : specs) {
            // Pull (sequin_stream) sinks are not routed yet: nothing would drain their queues, and
            // a full queue would hold back every other sink of the slot.
            if (spec.status() != SinkStatus.DISABLED && spec.destination() instanceof WebhookDestination) {
                wanted.put(spec.id(), spec);
            }
        }
        sinks.entrySet().removeIf(entry -> {
            if (!wanted.containsKey(entry.getKey())) {
                log.info("Sink {} stopped", entry.getValue().spec().name());
                entry.getValue().close();
                return true;
            }
            return false;
        });
        for (SinkSpec spec : wanted.values()) {
            SinkRuntime running = sinks.get(spec.id());
            Object target = clients.targetFor(spec);
            if (running == null) {
                SinkQueue queue = new SinkQueue(props.queueCapacity());
                sinks.put(spec.id(), new SinkRuntime(spec, target, queue, dispatcher(spec, queue)));
                log.info("Sink {} started ({})", spec.name(), spec.status());
            } else if (!running.runs(spec, target)) {
                running.replace(spec, target, dispatcher(spec, running.queue()));
                log.info("Sink {} reconfigured ({})", spec.name(), spec.status());
            }
        }
        List<Route> routes = new ArrayList<>();
        for (SinkRuntime runtime : sinks.values()) {
            routes.add(new Route(runtime.spec(), runtime.queue()));
        }
        router.setRoutes(routes);
    }

    private SinkDispatcher dispatcher(SinkSpec spec, SinkQueue queue) {
        SinkClient client = clients.clientFor(spec, db);
        int batchSize = spec.batchSize();
        SinkDispatcher.Settings settings = new SinkDispatcher.Settings(spec.id(), spec.name(), batchSize,
                props.maxInFlight(), spec.maxRetryCount());
        boolean paused = spec.status() == SinkStatus.PAUSED || client == null;
        SinkDispatcher dispatcher = new SinkDispatcher(settings, queue,
                client == null ? batch -> { throw new IllegalStateException("pull sinks are not pushed"); } : client,
                backoff, deadLetters, paused);
        return dispatcher.start();
    }

    Optional<List<FailingMessage>> failing(UUID sinkId, int limit) {
        SinkRuntime runtime = sinks.get(sinkId);
        return runtime == null ? Optional.empty() : Optional.of(runtime.queue().failing(limit));
    }

    Optional<SinkQueue> queue(UUID sinkId) {
        SinkRuntime runtime = sinks.get(sinkId);
        return runtime == null ? Optional.empty() : Optional.of(runtime.queue());
    }

    SlotStatus slotStatus() {
        return reader.status();
    }

    @Override
    public void close() {
        reader.close();
        sinks.values().forEach(SinkRuntime::close);
        sinks.clear();
    }
}
