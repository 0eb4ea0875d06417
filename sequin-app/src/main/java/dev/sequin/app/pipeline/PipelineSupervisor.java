package dev.sequin.app.pipeline;

import dev.sequin.config.ConfigChanged;
import dev.sequin.delivery.Backoff;
import dev.sequin.delivery.BacklogAppended;
import dev.sequin.delivery.DeadLetterStore;
import dev.sequin.delivery.queue.AckLedger;
import dev.sequin.delivery.queue.BacklogStore;
import dev.sequin.delivery.queue.DeliveryListener;
import org.springframework.beans.factory.ObjectProvider;
import dev.sequin.delivery.queue.SinkBacklog;
import dev.sequin.delivery.pull.PullConsumer;
import dev.sequin.delivery.push.ExponentialBackoff;
import dev.sequin.delivery.queue.FailingMessage;
import dev.sequin.replication.slot.SlotReader;
import dev.sequin.replication.slot.SlotStatus;
import dev.sequin.replication.types.EncodingOptions;
import dev.sequin.sink.SinkSpec;
import dev.sequin.sink.Sinks;
import dev.sequin.source.SourceDatabase;
import dev.sequin.source.SourceDatabases;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps one {@link SlotPipeline} running per source database, in line with the configuration in
 * our tables: started when the application is ready, reconciled after every committed
 * {@link ConfigChanged}, stopped on shutdown.
 */
@Component
class PipelineSupervisor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PipelineSupervisor.class);

    private final SourceDatabases databases;
    private final Sinks sinks;
    private final SinkClients clients;
    private final DeadLetterStore deadLetters;
    private final PipelineProperties props;
    private final BacklogStore store;
    private final AckLedger ledger;
    private final DeliveryListener listener;
    private final Backoff backoff;
    private final Map<UUID, SlotPipeline> pipelines = new HashMap<>();
    /** Running pull consumers by sink id and by name; replaced whole, read without the lock. */
    private volatile Map<String, PullConsumer> pullConsumers = Map.of();
    private volatile boolean running;

    PipelineSupervisor(SourceDatabases databases, Sinks sinks, SinkClients clients, DeadLetterStore deadLetters,
                       PipelineProperties props, BacklogStore store, AckLedger ledger,
                       ObjectProvider<DeliveryListener> listener) {
        this.listener = listener.getIfAvailable(() -> DeliveryListener.NONE);
        this.store = store;
        this.ledger = ledger;
        this.databases = databases;
        this.sinks = sinks;
        this.clients = clients;
        this.deadLetters = deadLetters;
        this.props = props;
        this.backoff = new ExponentialBackoff(Duration.ofMillis(props.retryInitialMs()), 2.0, 0.15,
                Duration.ofMillis(props.retryMaxMs()));
    }

    @Override
    public synchronized void start() {
        running = true;
        reconcile();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onConfigChanged(ConfigChanged event) {
        if (running) {
            reconcile();
        }
    }

    /** Starts, restarts, reconfigures or stops pipelines to match the stored configuration. */
    synchronized void reconcile() {
        Map<UUID, SourceDatabase> wanted = new HashMap<>();
        for (SourceDatabase db : databases.all()) {
            wanted.put(db.id(), db);
        }
        pipelines.entrySet().removeIf(entry -> {
            SourceDatabase now = wanted.get(entry.getKey());
            if (now == null || !now.equals(entry.getValue().database())) {
                entry.getValue().close();
                return true;
            }
            return false;
        });
        for (SourceDatabase db : wanted.values()) {
            SlotPipeline pipeline = pipelines.get(db.id());
            List<SinkSpec> specs = sinks.forDatabase(db.id());
            try {
                if (pipeline == null) {
                    pipeline = new SlotPipeline(db, clients, deadLetters, backoff, props, readerSettings(), store, ledger, listener);
                    pipeline.reconcile(specs);
                    pipeline.start();
                    pipelines.put(db.id(), pipeline);
                } else {
                    pipeline.reconcile(specs);
                }
            } catch (RuntimeException e) {
                log.error("Could not start the pipeline of database {}", db.name(), e);
            }
        }
        indexPullConsumers();
    }

    /** Dead letters replayed into a sink's backlog: make the running sink read it again. */
    @TransactionalEventListener(fallbackExecution = true)
    synchronized void onBacklogAppended(BacklogAppended event) {
        for (SlotPipeline pipeline : pipelines.values()) {
            pipeline.backlog(event.sinkId()).ifPresent(SinkBacklog::rescan);
        }
    }

    /** The running backlog of a sink, for metrics and operators. */
    synchronized Optional<SinkBacklog> backlog(SinkSpec sink) {
        SlotPipeline pipeline = pipelines.get(sink.databaseId());
        return pipeline == null ? Optional.empty() : pipeline.backlog(sink.id());
    }

    private SlotReader.Settings readerSettings() {
        return new SlotReader.Settings(Duration.ofMillis(props.heartbeatIntervalMs()), EncodingOptions.DEFAULTS);
    }

    /** The failing messages of a sink, or empty when the sink is not running. */
    synchronized Optional<List<FailingMessage>> failing(SinkSpec sink, int limit) {
        SlotPipeline pipeline = pipelines.get(sink.databaseId());
        return pipeline == null ? Optional.empty() : pipeline.failing(sink.id(), limit);
    }

    /** The running pull consumer of a sink, by id or name; read without the lock (see {@link #pullConsumers}). */
    Optional<PullConsumer> pullConsumer(String idOrName) {
        return Optional.ofNullable(pullConsumers.get(idOrName));
    }

    /** Re-indexes the running pull consumers by sink id and name; called after every change. */
    private void indexPullConsumers() {
        Map<String, PullConsumer> index = new HashMap<>();
        for (SlotPipeline pipeline : pipelines.values()) {
            for (PullConsumer consumer : pipeline.pullConsumers()) {
                index.put(consumer.settings().sinkId().toString(), consumer);
                index.put(consumer.settings().sinkName(), consumer);
            }
        }
        pullConsumers = Map.copyOf(index);
    }

    synchronized Optional<SlotStatus> slotStatus(UUID databaseId) {
        SlotPipeline pipeline = pipelines.get(databaseId);
        return pipeline == null ? Optional.empty() : Optional.of(pipeline.slotStatus());
    }

    @Override
    public synchronized void stop() {
        running = false;
        pipelines.values().forEach(SlotPipeline::close);
        pipelines.clear();
        pullConsumers = Map.of();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Start after the web server and the data layer; stop before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
