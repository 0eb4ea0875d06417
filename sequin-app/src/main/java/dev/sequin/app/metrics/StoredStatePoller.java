package dev.sequin.app.metrics;

import dev.sequin.app.pipeline.RunningPipelines;
import dev.sequin.delivery.queue.SinkBacklog;
import dev.sequin.replication.source.SourceConnector;
import dev.sequin.sink.SinkSpec;
import dev.sequin.sink.Sinks;
import dev.sequin.source.SourceDatabase;
import dev.sequin.source.SourceDatabases;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Measures, every {@code sequin.metrics.poll-interval-ms}, what lives in Postgres or needs a look
 * at the running pipelines: each source's replication slot size ({@code sequin_replication_slot_size},
 * bytes of WAL the slot retains past its confirmed position, and {@code _mb}), each sink's spilled
 * messages ({@code sequin_messages_spilled}) and the age of its oldest undelivered message
 * ({@code sequin_oldest_message_age_ms}, see {@link OldestMessageAge}), and the health of every
 * sink, database and replication slot ({@code sequin_entity_health}, rules in {@link EntityHealth}).
 * Scrapes read the last values and never query.
 *
 * <p>One daemon thread; a source that cannot be reached reports {@code NaN} until it can.
 */
@Component
class StoredStatePoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StoredStatePoller.class);
    private static final String SLOT_SIZE =
            "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn) FROM pg_replication_slots WHERE slot_name = ?";

    /** A registered series and the value it shows. */
    private static final class Value {
        volatile double current = Double.NaN;
        List<Meter> meters = List.of();
    }

    private final MeterRegistry registry;
    private final SourceDatabases databases;
    private final Sinks sinks;
    private final StoredSinkState stored;
    private final RunningPipelines running;
    private final MetricsProperties props;
    private final Map<Tags, Value> slots = new HashMap<>();
    private final Map<Tags, Value> backlogs = new HashMap<>();
    private final OldestMessageAge oldestAge;
    private final EntityHealthGauges health;
    /** Per sink, {@link System#nanoTime()} since when some group has been failing without a break. */
    private final Map<UUID, Long> failingSince = new HashMap<>();
    private ScheduledExecutorService executor;

    StoredStatePoller(MeterRegistry registry, SourceDatabases databases, Sinks sinks, StoredSinkState stored,
                      RunningPipelines running, MetricsProperties props) {
        this.registry = registry;
        this.databases = databases;
        this.sinks = sinks;
        this.stored = stored;
        this.running = running;
        this.props = props;
        this.oldestAge = new OldestMessageAge(registry);
        this.health = new EntityHealthGauges(registry);
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "metrics-poll");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::poll, 0, props.pollIntervalMs(), TimeUnit.MILLISECONDS);
    }

    /** One round; never throws, so the schedule keeps running. */
    void poll() {
        try {
            Set<EntityHealthGauges.Entity> entities = new HashSet<>();
            pollSlots(entities);
            pollSinks(entities);
            health.retain(entities);
        } catch (RuntimeException e) {
            log.warn("Could not poll metrics: {}", e.toString());
        }
    }

    private void pollSlots(Set<EntityHealthGauges.Entity> entities) {
        Set<Tags> seen = new HashSet<>();
        for (SourceDatabase db : databases.all()) {
            Tags tags = Tags.of("replication_slot_id", String.valueOf(db.slotId()), "slot_name", db.slotName(),
                    "database_name", db.name());
            seen.add(tags);
            Value value = slots.computeIfAbsent(tags, t -> {
                Value v = new Value();
                v.meters = List.of(
                        Gauge.builder("sequin_replication_slot_size", v, x -> x.current).tags(t)
                                .description("WAL the replication slot retains past its confirmed position, in bytes")
                                .strongReference(true).register(registry),
                        Gauge.builder("sequin_replication_slot_size_mb", v, x -> x.current / (1024 * 1024)).tags(t)
                                .description("WAL the replication slot retains past its confirmed position, in MB")
                                .strongReference(true).register(registry));
                return v;
            });
            value.current = slotSize(db);
            EntityHealth.SlotFacts facts = EntityHealth.SlotFacts.of(running.slotStatus(db.id()), value.current);
            health(entities, new EntityHealthGauges.Entity("database", db.id().toString(), db.name()),
                    EntityHealth.database(facts));
            health(entities, new EntityHealthGauges.Entity("replication_slot", String.valueOf(db.slotId()), db.slotName()),
                    EntityHealth.replicationSlot(facts, props.slotLagWarnBytes()));
        }
        retain(slots, seen);
    }

    private static double slotSize(SourceDatabase db) {
        try (Connection c = SourceConnector.connect(db); PreparedStatement ps = c.prepareStatement(SLOT_SIZE)) {
            ps.setString(1, db.slotName());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    double bytes = rs.getDouble(1);
                    return rs.wasNull() ? Double.NaN : bytes;
                }
                return Double.NaN;
            }
        } catch (SQLException e) {
            log.debug("Could not measure the slot of database {}: {}", db.name(), e.getMessage());
            return Double.NaN;
        }
    }

    private void pollSinks(Set<EntityHealthGauges.Entity> entities) {
        Map<UUID, StoredSinkState.Backlog> backlogsById = stored.backlogs();
        Set<UUID> deadLettered = stored.deadLetteredWithin(EntityHealth.DEAD_LETTER_WINDOW);
        Set<Tags> seen = new HashSet<>();
        Set<UUID> ids = new HashSet<>();
        long now = System.nanoTime();
        for (SinkSpec sink : sinks.all()) {
            ids.add(sink.id());
            Tags tags = Tags.of("consumer_id", sink.id().toString(), "consumer_name", sink.name());
            seen.add(tags);
            Value value = backlogs.computeIfAbsent(tags, t -> {
                Value v = new Value();
                v.meters = List.of(Gauge.builder("sequin_messages_spilled", v, x -> x.current).tags(t)
                        .description("Messages held in the sink's durable backlog in Postgres")
                        .strongReference(true).register(registry));
                return v;
            });
            StoredSinkState.Backlog backlog = backlogsById.getOrDefault(sink.id(), new StoredSinkState.Backlog(0, 0));
            value.current = backlog.messages();
            Optional<SinkBacklog> runningBacklog = running.backlog(sink);
            // Messages only in memory are aged by their arrival; stored ones (read back or not) by their row.
            double inMemoryAgeMs = runningBacklog.flatMap(b -> boxed(b.oldestUnpersistedSinceNanos()))
                    .map(since -> (now - since) / 1e6).orElse(0.0);
            oldestAge.record(tags, Math.max(inMemoryAgeMs, backlog.oldestAgeMs()));
            int failingGroups = runningBacklog.map(b -> b.queue().failingGroups()).orElse(0);
            long failingFrom = failingGroups > 0 ? failingSince.computeIfAbsent(sink.id(), id -> now) : now;
            if (failingGroups == 0) {
                failingSince.remove(sink.id());
            }
            health(entities, new EntityHealthGauges.Entity("sink", sink.id().toString(), sink.name()),
                    EntityHealth.sink(new EntityHealth.SinkFacts(sink.status(), runningBacklog.isPresent(), failingGroups,
                            Duration.ofNanos(now - failingFrom), deadLettered.contains(sink.id()), backlog.messages())));
        }
        retain(backlogs, seen);
        oldestAge.retain(seen);
        failingSince.keySet().retainAll(ids);
    }

    private void health(Set<EntityHealthGauges.Entity> entities, EntityHealthGauges.Entity entity, EntityHealth.Status status) {
        entities.add(entity);
        health.set(entity, status);
    }

    private static Optional<Long> boxed(java.util.OptionalLong value) {
        return value.isPresent() ? Optional.of(value.getAsLong()) : Optional.empty();
    }

    private void retain(Map<Tags, Value> series, Set<Tags> seen) {
        series.entrySet().removeIf(e -> {
            if (seen.contains(e.getKey())) {
                return false;
            }
            e.getValue().meters.forEach(registry::remove);
            return true;
        });
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
