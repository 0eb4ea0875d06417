/**
 * The management API for source databases, {@code /api/postgres_databases} (contract §4): create,
 * list, show, partial update, delete, {@code test_connection} and {@code refresh_tables}. Every
 * write is validated whole — body, names, URL, and the source itself through
 * {@link dev.sequin.replication.source.SourceCheck} — before anything is stored, and announces
 * itself with a {@link dev.sequin.config.ConfigChanged} after commit.
 */
package dev.sequin.app.databases;
