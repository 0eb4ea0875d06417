/**
 * Prometheus metrics under Sequin's names (contract §7), served on the management port at
 * {@code /metrics}. Per-sink gauges read the running queue, delivery counters and the latency
 * histogram are fed once per batch by the dispatcher through
 * {@link dev.sequin.delivery.queue.DeliveryListener}, and what lives in Postgres or needs a look at
 * the running pipelines (replication slot size, spilled messages, oldest message age, entity
 * health) is polled. Tags are bounded: sink, database and slot ids and names, never message ids,
 * keys or URLs.
 */
package dev.sequin.app.metrics;
