/**
 * The running pipeline: one slot pipeline per source database (slot reader → router → per-sink
 * queues → dispatchers), kept in line with the stored configuration by the supervisor.
 */
package dev.sequin.app.pipeline;
