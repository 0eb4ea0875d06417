/**
 * Source databases: the Postgres servers whose changes we capture, each with exactly one logical
 * replication slot and publication. {@link dev.sequin.source.PostgresDatabase} and
 * {@link dev.sequin.source.ReplicationSlot} are the stored form (password encrypted with the
 * Vault); {@link dev.sequin.source.SourceDatabase} is the immutable runtime view the replication
 * engine works from, read through {@link dev.sequin.source.SourceDatabases}.
 */
package dev.sequin.source;
