package dev.sequin.app.pipeline;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Operator tuning of the pipeline.
 *
 * @param queueCapacity        messages a sink holds in memory before it spills to its durable
 *                             backlog (memory full)
 * @param spillBufferCapacity  messages waiting to be written to a spilled sink's backlog before
 *                             replication waits (back-pressure)
 * @param spillAfterMs         how long a message may wait in memory before its sink spills
 * @param backlogPageSize      messages read back from a backlog at a time
 * @param fullPatienceMs       how long a healthy sink whose memory is full holds replication back
 *                             before it spills
 * @param maxInFlight          batches one sink may have in flight at once (across groups)
 * @param heartbeatIntervalMs  how often a heartbeat is written into each source's WAL
 * @param retryInitialMs       the delay after a first failed delivery; it doubles after every
 *                             further failure (±15 % jitter)
 * @param retryMaxMs           the longest delay between attempts
 */
@Validated
@ConfigurationProperties(prefix = "sequin.pipeline")
public record PipelineProperties(
        @DefaultValue("20000") @Min(1) int queueCapacity,
        @DefaultValue("20000") @Min(1) int spillBufferCapacity,
        @DefaultValue("120000") @Min(1) long spillAfterMs,
        @DefaultValue("1000") @Min(1) int backlogPageSize,
        @DefaultValue("5000") @Min(0) long fullPatienceMs,
        @DefaultValue("16") @Min(1) int maxInFlight,
        @DefaultValue("15000") @Min(100) long heartbeatIntervalMs,
        @DefaultValue("1000") @Min(1) long retryInitialMs,
        @DefaultValue("600000") @Min(1) long retryMaxMs) {
}
