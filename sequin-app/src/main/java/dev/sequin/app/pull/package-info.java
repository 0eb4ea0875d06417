/**
 * The HTTP pull API (contract §3): {@code /api/sequin_streams/{id_or_name}/receive|ack|nack} and
 * its legacy alias {@code /api/http_pull_consumers/…}, over the consumer groups that the pipeline
 * runs for {@code sequin_stream} sinks.
 */
package dev.sequin.app.pull;
