/**
 * The edge to a source database before any change flows: opening plain and replication
 * connections with the settings Sequin uses ({@link dev.sequin.replication.source.SourceConnector}),
 * reading which tables exist and are published ({@link dev.sequin.replication.source.SourceTables}),
 * and checking that a source is usable — {@code wal_level}, privileges, slot, publication — with
 * failures that name the problem and the SQL that fixes it
 * ({@link dev.sequin.replication.source.SourceCheck}, DESIGN I6).
 */
package dev.sequin.replication.source;
