package dev.sequin.app.pipeline;

import dev.sequin.delivery.Backoff;
import dev.sequin.delivery.DeadLetterStore;
import dev.sequin.delivery.SinkClient;
import dev.sequin.delivery.queue.FailingMessage;
import dev.sequin.delivery.queue.SinkDispatcher;
import dev.sequin.delivery.queue.AckLedger;
import dev.sequin.delivery.queue.BacklogStore;
import dev.sequin.delivery.queue.DeliveryListener;
import dev.sequin.delivery.queue.SinkBacklog;
import dev.sequin.message.Lsn;
import dev.sequin.replication.source.SlotPositions;
import java.sql.SQLException;
import java.time.Duration;
import dev.sequin.delivery.routing.Route;
import dev.sequin.delivery.routing.Router;
import dev.sequin.replication.slot.SlotReader;
import dev.sequin.replication.slot.SlotStatus;
import dev.sequin.sink.SinkSpec;
import dev.sequin.sink.SinkStatus;
import dev.sequin.sink.SequinStreamDestination;
import dev.sequin.delivery.pull.PullConsumer;
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
 * Everything that runs for one source database: its slot reader, the router, and per sink a
 * backlog and what drains it (a dispatcher, or the pull API's consumer group). Reconciled against the sinks' current specs whenever configuration changes.
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
    private final BacklogStore store;
    private final AckLedger ledger;
    private final Lsn startFlush;
    private final DeliveryListener listener;

    SlotPipeline(SourceDatabase db, SinkClients clients, DeadLetterStore deadLetters, Backoff backoff,
                 PipelineProperties props, SlotReader.Settings readerSettings, BacklogStore store, AckLedger ledger,
                 DeliveryListener listener) {
        this.listener = listener;
        this.db = db;
        this.clients = clients;
        this.deadLetters = deadLetters;
        this.backoff = backoff;
        this.props = props;
        this.store = store;
        this.ledger = ledger;
        this.startFlush = confirmedFlush(db);
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
            if (spec.status() != SinkStatus.DISABLED) {
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
                SinkBacklog backlog = backlog(spec);
                sinks.put(spec.id(), new SinkRuntime(spec, target, backlog, drain(spec, backlog)));
                log.info("Sink {} started ({})", spec.name(), spec.status());
            } else if (!running.runs(spec, target)) {
                running.backlog().setPaused(spec.status() == SinkStatus.PAUSED);
                if (running.drain() instanceof SinkDrain.Pull pull && isPull(spec)) {
                    // In place: messages held by pullers keep their ack ids across the change.
                    pull.consumer().reconfigure(pullSettings(spec), spec.encoder(db),
                            spec.status() == SinkStatus.PAUSED);
                    running.update(spec, target);
                } else {
                    running.replace(spec, target, drain(spec, running.backlog()));
                }
                log.info("Sink {} reconfigured ({})", spec.name(), spec.status());
            }
        }
        List<Route> routes = new ArrayList<>();
        for (SinkRuntime runtime : sinks.values()) {
            routes.add(new Route(runtime.spec(), runtime.backlog()));
        }
        router.setRoutes(routes);
    }

    private SinkBacklog backlog(SinkSpec spec) {
        SinkBacklog.Settings settings = new SinkBacklog.Settings(props.queueCapacity(), props.spillBufferCapacity(),
                Duration.ofMillis(props.spillAfterMs()), props.backlogPageSize(), Duration.ofMillis(props.fullPatienceMs()));
        SinkBacklog backlog = new SinkBacklog(spec.id(), spec.name(), settings, store, ledger,
                () -> reader.status().confirmedLsn(), () -> reader.status().handedOffLsn(),
                spec.status() == SinkStatus.PAUSED);
        // Postgres re-sends everything after the slot's confirmed position; what this sink
        // acknowledged there before a restart must not go out again.
        backlog.skipAcknowledged(ledger.acknowledgedSince(spec.id(), startFlush));
        store.last(spec.id()).filter(last -> !last.commitLsn().isBefore(startFlush))
                .ifPresent(backlog::holdReadBackUntilHandedOff);
        return backlog.start();
    }

    private static Lsn confirmedFlush(SourceDatabase db) {
        try {
            return SlotPositions.confirmedFlush(db).orElse(Lsn.ZERO);
        } catch (SQLException e) {
            // Unknown: then every acknowledgement on record counts, which only skips more re-sends.
            return Lsn.ZERO;
        }
    }

    private SinkDrain drain(SinkSpec spec, SinkBacklog backlog) {
        boolean paused = spec.status() == SinkStatus.PAUSED;
        if (isPull(spec)) {
            return new SinkDrain.Pull(new PullConsumer(pullSettings(spec), spec.encoder(db), backlog,
                    deadLetters, listener, paused).start());
        }
        SinkClient client = clients.clientFor(spec, db, props.maxInFlight());
        SinkDispatcher.Settings settings = new SinkDispatcher.Settings(spec.id(), spec.name(), spec.batchSize(),
                props.maxInFlight(), spec.maxRetryCount());
        return new SinkDrain.Push(new SinkDispatcher(settings, backlog, client, backoff, deadLetters, listener, paused).start());
    }

    private static boolean isPull(SinkSpec spec) {
        return spec.destination() instanceof SequinStreamDestination;
    }

    private static PullConsumer.Settings pullSettings(SinkSpec spec) {
        return new PullConsumer.Settings(spec.id(), spec.name(), Duration.ofMillis(spec.ackWaitMs()),
                spec.maxRetryCount(), spec.maxWaiting(), spec.maxAckPending());
    }

    /** The consumer groups of the running {@code sequin_stream} sinks. */
    List<PullConsumer> pullConsumers() {
        List<PullConsumer> out = new ArrayList<>();
        for (SinkRuntime runtime : sinks.values()) {
            if (runtime.drain() instanceof SinkDrain.Pull pull) {
                out.add(pull.consumer());
            }
        }
        return out;
    }

    Optional<List<FailingMessage>> failing(UUID sinkId, int limit) {
        SinkRuntime runtime = sinks.get(sinkId);
        return runtime == null ? Optional.empty() : Optional.of(runtime.backlog().queue().failing(limit));
    }

    Optional<SinkBacklog> backlog(UUID sinkId) {
        SinkRuntime runtime = sinks.get(sinkId);
        return runtime == null ? Optional.empty() : Optional.of(runtime.backlog());
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
