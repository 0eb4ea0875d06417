/**
 * The per-sink queue: per-group FIFOs with at most one batch in flight per group (I2), retry
 * state kept with each message, and the dispatcher that drains the queue into a
 * {@link dev.sequin.delivery.SinkClient}.
 */
package dev.sequin.delivery.queue;
