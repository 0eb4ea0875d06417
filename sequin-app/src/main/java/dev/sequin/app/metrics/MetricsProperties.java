package dev.sequin.app.metrics;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Operator tuning of metrics.
 *
 * @param pollIntervalMs how often what lives in Postgres is measured: each source's replication
 *                       slot size and each sink's spilled messages
 */
@Validated
@ConfigurationProperties(prefix = "sequin.metrics")
public record MetricsProperties(@DefaultValue("10000") @Min(100) long pollIntervalMs) {
}
