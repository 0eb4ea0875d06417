/**
 * Where changes go: HTTP endpoints and sinks. {@link dev.sequin.sink.HttpEndpoint} and
 * {@link dev.sequin.sink.Sink} are the stored form (secrets Vault-encrypted, flexible parts as
 * jsonb); {@link dev.sequin.sink.SinkSpec} and {@link dev.sequin.sink.HttpEndpointSpec} are the
 * immutable runtime views the pipeline routes and delivers by, read through
 * {@link dev.sequin.sink.Sinks} and {@link dev.sequin.sink.HttpEndpoints} (re-read after a
 * {@code ConfigChanged}). {@link dev.sequin.sink.GroupId} computes a message's group (contract
 * §6.3).
 */
package dev.sequin.sink;
