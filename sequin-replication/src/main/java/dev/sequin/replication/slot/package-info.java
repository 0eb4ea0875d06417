/**
 * The edge of replication: the pgjdbc replication stream of one slot, heartbeats, reconnects,
 * and the flush watermark that decides what we confirm to Postgres (invariant I1).
 */
package dev.sequin.replication.slot;
