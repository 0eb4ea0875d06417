package dev.sequin.app.metrics;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Operator tuning of metrics.
 *
 * @param pollIntervalMs    how often what lives in Postgres or in the running pipelines is
 *                          measured: slot sizes, spilled messages, oldest message ages and health
 * @param slotLagWarnBytes  WAL a replication slot may retain past its confirmed position before
 *                          its health is {@code warn} (default 1 GiB)
 */
@Validated
@ConfigurationProperties(prefix = "sequin.metrics")
public record MetricsProperties(
        @DefaultValue("10000") @Min(100) long pollIntervalMs,
        @DefaultValue("1073741824") @Min(0) long slotLagWarnBytes) {
}
