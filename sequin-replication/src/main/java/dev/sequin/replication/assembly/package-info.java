/**
 * Transaction assembly: decoded pgoutput messages in, one {@link dev.sequin.message.ChangeMessage}
 * per row change out, with Sequin's {@code commit_lsn}/{@code commit_idx} (contract §1.4), record
 * and changes per replica identity (§1.5), the {@code "unchanged_toast"} sentinel (§1.6) and
 * transaction annotations (§6.2). The {@link dev.sequin.replication.assembly.TransactionAssembler}
 * keeps the relation cache (table shapes follow schema changes mid-stream) and reports to an
 * {@link dev.sequin.replication.assembly.AssemblyListener}; it does no I/O except the rare catalog
 * lookups when a table's shape is first seen or changes.
 */
package dev.sequin.replication.assembly;
