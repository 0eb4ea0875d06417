/**
 * The management API for sinks, {@code /api/sinks} (contract §4, §5.4): read a request onto a
 * {@link dev.sequin.app.sinks.SinkDraft}, validate it as a whole (including against the source
 * database's tables), write it in one transaction and announce it with {@code ConfigChanged}.
 * Destinations supported today: {@code webhook} and {@code sequin_stream}.
 */
package dev.sequin.app.sinks;
