package dev.sequin.app.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code sequin_oldest_message_age_ms} (contract §7): a histogram per sink, tagged
 * {@code consumer_id, consumer_name}, that gets one sample per poll — the age of the sink's oldest
 * undelivered message, wherever it waits, or 0 when nothing does, so the series stays continuous
 * and a healthy sink shows in the lowest bucket.
 *
 * <p>Thread-safety: recorded by the poller's thread only.
 */
final class OldestMessageAge {

    /** Sequin's buckets, in milliseconds: 1 s … 1 h. */
    private static final double[] BUCKETS_MS = {1_000, 5_000, 10_000, 30_000, 60_000, 300_000, 600_000,
            1_800_000, 3_600_000};

    private final MeterRegistry registry;
    private final Map<Tags, DistributionSummary> sinks = new HashMap<>();

    OldestMessageAge(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(Tags sink, double ageMillis) {
        sinks.computeIfAbsent(sink, tags -> DistributionSummary.builder("sequin_oldest_message_age_ms")
                .description("Age of the sink's oldest undelivered message, in memory or in its durable backlog, "
                        + "sampled every poll, in milliseconds")
                .tags(tags).serviceLevelObjectives(BUCKETS_MS).register(registry))
                .record(Math.max(0, ageMillis));
    }

    /** Removes the histograms of sinks not in {@code present}. */
    void retain(Set<Tags> present) {
        sinks.entrySet().removeIf(e -> {
            if (present.contains(e.getKey())) {
                return false;
            }
            registry.remove(e.getValue());
            return true;
        });
    }
}
