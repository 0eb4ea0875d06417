/**
 * The Spring Boot application: wiring of the pipeline (replication → routing → per-sink queues
 * → delivery), the management and pull APIs, the console, security and metrics.
 */
package dev.sequin.app;
