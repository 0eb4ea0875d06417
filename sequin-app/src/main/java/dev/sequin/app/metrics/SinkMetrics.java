package dev.sequin.app.metrics;

import dev.sequin.app.deadletters.DeadLettersStored;
import dev.sequin.delivery.DeliveryOutcome;
import dev.sequin.delivery.queue.DeliveryBatch;
import dev.sequin.delivery.queue.DeliveryListener;
import dev.sequin.delivery.queue.SinkDispatcher;
import dev.sequin.delivery.queue.SinkQueue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Per-sink delivery metrics (contract §7), tagged {@code consumer_id, consumer_name}:
 * <ul>
 *   <li>gauges read from the running queue at scrape time: {@code sequin_messages_buffered}
 *       (messages held), {@code sequin_messages_in_delivery} (in flight) and
 *       {@code sequin_messages_in_redelivery} (whose last attempt failed);</li>
 *   <li>counters of messages, fed once per batch: {@code sequin_message_deliver_attempt_count},
 *       {@code _success_count}, {@code _failure_count}, and {@code sequin_delivery_latency_us}
 *       (histogram, tag {@code success});</li>
 *   <li>our {@code sequin_messages_dead_lettered_count}, fed after each committed move into the
 *       dead-letter store (delivery and encoding failures alike).</li>
 * </ul>
 * Counters survive a sink's restart (they only grow); gauges leave with the sink.
 */
@Component
class SinkMetrics implements DeliveryListener {

    /** Sequin's latency buckets, in microseconds (10 µs … 50 s). */
    private static final double[] LATENCY_BUCKETS_US = {10, 50, 100, 500, 1_000, 5_000, 10_000, 50_000, 100_000,
            500_000, 1_000_000, 5_000_000, 10_000_000, 50_000_000};

    private record SinkKey(UUID id, String name) {
        Tags tags() {
            return Tags.of("consumer_id", id.toString(), "consumer_name", name);
        }
    }

    /** The delivery meters of one sink, built once. */
    private record DeliveryMeters(Counter attempts, Counter successes, Counter failures,
                                  DistributionSummary latencyOk, DistributionSummary latencyFailed) {
    }

    /** A running sink's gauges; {@code dispatchers} counts its live dispatchers. Guarded by {@code this}. */
    private static final class QueueGauges {
        final SinkKey key;
        volatile SinkQueue queue;
        int dispatchers;
        List<Meter> meters = List.of();

        QueueGauges(SinkKey key, SinkQueue queue) {
            this.key = key;
            this.queue = queue;
        }
    }

    private final MeterRegistry registry;
    private final Map<SinkKey, DeliveryMeters> delivery = new ConcurrentHashMap<>();
    private final Map<SinkKey, Counter> deadLettered = new ConcurrentHashMap<>();
    private final Map<UUID, QueueGauges> gauges = new HashMap<>();

    SinkMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public synchronized void started(SinkDispatcher.Settings sink, SinkQueue queue) {
        SinkKey key = new SinkKey(sink.sinkId(), sink.sinkName());
        QueueGauges current = gauges.get(sink.sinkId());
        if (current != null && current.key.equals(key)) {
            current.queue = queue;
            current.dispatchers++;
            return;
        }
        QueueGauges next = new QueueGauges(key, queue);
        if (current != null) {
            // Renamed: the series move to the new consumer_name.
            current.meters.forEach(registry::remove);
            next.dispatchers = current.dispatchers;
        }
        next.dispatchers++;
        next.meters = List.of(
                gauge("sequin_messages_buffered", "Messages held in the sink's queue, in flight included", next,
                        g -> g.queue.size()),
                gauge("sequin_messages_in_delivery", "Messages being delivered now", next, g -> g.queue.inFlight()),
                gauge("sequin_messages_in_redelivery", "Messages whose last delivery attempt failed", next,
                        g -> g.queue.failing(Integer.MAX_VALUE).size()));
        gauges.put(sink.sinkId(), next);
    }

    private Meter gauge(String name, String help, QueueGauges holder, java.util.function.ToDoubleFunction<QueueGauges> value) {
        return Gauge.builder(name, holder, value).description(help).tags(holder.key.tags())
                .strongReference(true).register(registry);
    }

    @Override
    public synchronized void stopped(SinkDispatcher.Settings sink, SinkQueue queue) {
        QueueGauges current = gauges.get(sink.sinkId());
        if (current == null) {
            return;
        }
        current.dispatchers--;
        if (current.dispatchers <= 0) {
            current.meters.forEach(registry::remove);
            gauges.remove(sink.sinkId());
        }
    }

    @Override
    public void attempted(SinkDispatcher.Settings sink, DeliveryBatch batch, DeliveryOutcome outcome, long elapsedNanos) {
        DeliveryMeters meters = delivery.computeIfAbsent(new SinkKey(sink.sinkId(), sink.sinkName()), this::deliveryMeters);
        int messages = batch.size();
        boolean ok = outcome instanceof DeliveryOutcome.Delivered;
        meters.attempts().increment(messages);
        (ok ? meters.successes() : meters.failures()).increment(messages);
        (ok ? meters.latencyOk() : meters.latencyFailed()).record(TimeUnit.NANOSECONDS.toMicros(elapsedNanos));
    }

    private DeliveryMeters deliveryMeters(SinkKey key) {
        return new DeliveryMeters(
                counter("sequin_message_deliver_attempt_count", "Messages handed to the sink for delivery", key),
                counter("sequin_message_deliver_success_count", "Messages the sink accepted", key),
                counter("sequin_message_deliver_failure_count", "Messages whose delivery attempt failed", key),
                latency(key, true),
                latency(key, false));
    }

    private Counter counter(String name, String help, SinkKey key) {
        return Counter.builder(name).description(help).tags(key.tags()).register(registry);
    }

    private DistributionSummary latency(SinkKey key, boolean success) {
        return DistributionSummary.builder("sequin_delivery_latency_us")
                .description("Time from handing a batch to the sink to its outcome, in microseconds")
                .tags(key.tags()).tag("success", Boolean.toString(success))
                .serviceLevelObjectives(LATENCY_BUCKETS_US)
                .register(registry);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onDeadLettersStored(DeadLettersStored event) {
        deadLettered.computeIfAbsent(new SinkKey(event.sinkId(), event.sinkName()),
                key -> counter("sequin_messages_dead_lettered_count", "Messages moved to the dead-letter store", key))
                .increment(event.count());
    }
}
