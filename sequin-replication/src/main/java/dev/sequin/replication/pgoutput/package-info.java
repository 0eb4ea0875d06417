/**
 * Decoding of the {@code pgoutput} logical replication protocol (protocol version 1, text tuple
 * format): one WAL message's bytes in, one {@link dev.sequin.replication.pgoutput.PgOutputMessage}
 * record out. The decoder is pure: no I/O, no configuration, no knowledge of tables or types
 * beyond what a message carries. Giving rows meaning (column names, JSON values, commit indexes)
 * is the job of {@code dev.sequin.replication.assembly}.
 *
 * <p>Record and field names follow the Postgres documentation, "Logical Replication Message
 * Formats", so that a search for a protocol term lands here.
 */
package dev.sequin.replication.pgoutput;
