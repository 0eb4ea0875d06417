package dev.sequin.app.metrics;

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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 * Measures, every {@code sequin.metrics.poll-interval-ms}, what lives in Postgres rather than in
 * memory: each source's replication slot size ({@code sequin_replication_slot_size}, bytes of WAL
 * the slot retains past its confirmed position, and {@code _mb}), and each sink's spilled
 * messages ({@code sequin_messages_spilled}). Scrapes read the last values and never query.
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
    private final SpilledMessageCounts spilled;
    private final MetricsProperties props;
    private final Map<Tags, Value> slots = new HashMap<>();
    private final Map<Tags, Value> backlogs = new HashMap<>();
    private ScheduledExecutorService executor;

    StoredStatePoller(MeterRegistry registry, SourceDatabases databases, Sinks sinks, SpilledMessageCounts spilled,
                      MetricsProperties props) {
        this.registry = registry;
        this.databases = databases;
        this.sinks = sinks;
        this.spilled = spilled;
        this.props = props;
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
            pollSlots();
            pollBacklogs();
        } catch (RuntimeException e) {
            log.warn("Could not poll metrics: {}", e.toString());
        }
    }

    private void pollSlots() {
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

    private void pollBacklogs() {
        Map<UUID, Long> counts = spilled.bySink();
        Set<Tags> seen = new HashSet<>();
        for (SinkSpec sink : sinks.all()) {
            Tags tags = Tags.of("consumer_id", sink.id().toString(), "consumer_name", sink.name());
            seen.add(tags);
            Value value = backlogs.computeIfAbsent(tags, t -> {
                Value v = new Value();
                v.meters = List.of(Gauge.builder("sequin_messages_spilled", v, x -> x.current).tags(t)
                        .description("Messages held in the sink's durable backlog in Postgres")
                        .strongReference(true).register(registry));
                return v;
            });
            value.current = counts.getOrDefault(sink.id(), 0L);
        }
        retain(backlogs, seen);
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
