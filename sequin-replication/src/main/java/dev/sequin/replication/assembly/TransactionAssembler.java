package dev.sequin.replication.assembly;

import dev.sequin.message.Action;
import dev.sequin.message.ChangeMessage;
import dev.sequin.message.Lsn;
import dev.sequin.message.TableName;
import dev.sequin.replication.pgoutput.PgOutputMessage;
import dev.sequin.replication.pgoutput.PgOutputMessage.Begin;
import dev.sequin.replication.pgoutput.PgOutputMessage.Commit;
import dev.sequin.replication.pgoutput.PgOutputMessage.Delete;
import dev.sequin.replication.pgoutput.PgOutputMessage.Insert;
import dev.sequin.replication.pgoutput.PgOutputMessage.LogicalMessage;
import dev.sequin.replication.pgoutput.PgOutputMessage.Relation;
import dev.sequin.replication.pgoutput.PgOutputMessage.Truncate;
import dev.sequin.replication.pgoutput.PgOutputMessage.Update;
import dev.sequin.replication.pgoutput.TupleData;
import dev.sequin.replication.types.CompactJson;
import dev.sequin.replication.types.EncodingOptions;
import dev.sequin.replication.types.JsonValueEncoder;
import dev.sequin.replication.types.TypeCatalog;
import dev.sequin.replication.types.ValueEncodingException;
import java.util.HashSet;
import java.util.Set;

/**
 * Turns decoded pgoutput messages, fed in stream order, into {@link ChangeMessage}s for an
 * {@link AssemblyListener}.
 *
 * <ul>
 *   <li>{@code commit_lsn} is the Begin's {@code final_lsn}; {@code commit_idx} starts at 0 at each
 *       Begin and goes up by one after every Insert, Update, Delete, Truncate and transactional
 *       logical message, whether or not it produces a change (contract §1.4).</li>
 *   <li>Insert: record = new row, changes {@code null}. Update: record = new row; changes = the old
 *       values of the columns that changed when the old row is sent (REPLICA IDENTITY FULL), else
 *       {@code {}}. Delete: record = the old row (under DEFAULT only key columns are filled, the
 *       others are {@code null}), changes {@code null} (contract §1.5).</li>
 *   <li>An unchanged TOAST value is filled from the FULL old row, else it is the string
 *       {@code "unchanged_toast"}; it never appears in changes (§1.6).</li>
 *   <li>{@code sequin:transaction_annotations.set}/{@code .clear} set or clear the annotations of
 *       the following changes of the same transaction; a set whose content is not a JSON object
 *       clears them and raises a warning. They end with the transaction (§6.2).</li>
 *   <li>Logical messages (heartbeats, backfill watermarks, annotations) never become changes; the
 *       listener hears of each one. Truncate, Type and Origin produce nothing.</li>
 *   <li><b>Encoding errors</b> do not stop the stream: a row with a value that cannot be encoded
 *       goes to {@link AssemblyListener#onUnencodableChange} with its position intact and the raw
 *       text in place of the failed value, for the router to dead-letter.</li>
 * </ul>
 *
 * <p>Not thread-safe: one assembler per replication stream, fed by one thread. Call
 * {@link #reset()} when the stream restarts, since a transaction cut off mid-way is sent again in
 * full.
 */
public final class TransactionAssembler {

    private final RelationCache relations;
    private final RowEncoder rows;
    private final AssemblyListener listener;
    private final Set<HealthWarning> warned = new HashSet<>();

    private boolean inTransaction;
    private Lsn commitLsn;
    private long commitTimestampMicros;
    private int commitIdx;
    private String annotationsJson;

    /**
     * @param types       resolves column type OIDs (e.g. a shared {@code JdbcTypeCatalog})
     * @param primaryKeys for {@code record_pks} of tables whose replica identity is not DEFAULT
     */
    public TransactionAssembler(TypeCatalog types, PrimaryKeyCatalog primaryKeys, EncodingOptions options,
                                AssemblyListener listener) {
        this.relations = new RelationCache(types, primaryKeys);
        this.rows = new RowEncoder(new JsonValueEncoder(options));
        this.listener = listener;
    }

    /**
     * Applies the next message of the stream.
     *
     * @throws IllegalStateException if the stream is out of step (a change outside a transaction,
     *                               a change for a table never announced, a tuple of the wrong
     *                               width): the caller should restart replication
     * @throws dev.sequin.replication.types.TypeLookupException if a new type could not be looked up
     */
    public void accept(PgOutputMessage message) {
        if (message instanceof Insert insert) {
            TableSchema table = change(insert.relationId());
            rows.encodeRecord(table, insert.newTuple(), null);
            emit(Action.INSERT, table, null);
        } else if (message instanceof Update update) {
            update(update);
        } else if (message instanceof Delete delete) {
            TableSchema table = change(delete.relationId());
            rows.encodeRecord(table, delete.oldTuple(), null);
            emit(Action.DELETE, table, null);
        } else if (message instanceof Begin begin) {
            if (inTransaction) {
                throw new IllegalStateException("pgoutput sent Begin " + begin.finalLsn() + " inside transaction " + commitLsn);
            }
            inTransaction = true;
            commitLsn = begin.finalLsn();
            commitTimestampMicros = begin.commitTimestampMicros();
            commitIdx = 0;
            annotationsJson = null;
        } else if (message instanceof Commit commit) {
            requireTransaction("Commit");
            Lsn lsn = commitLsn;
            reset();
            listener.onCommit(lsn, commit.endLsn());
        } else if (message instanceof Relation relation) {
            relations.apply(relation);
        } else if (message instanceof Truncate) {
            requireTransaction("Truncate");
            commitIdx++;
        } else if (message instanceof LogicalMessage logical) {
            logicalMessage(logical);
        }
        // Type and Origin carry nothing we use: types are resolved by OID through the catalog.
    }

    /** Forgets any transaction in progress (its changes will be sent again); keeps the relation cache. */
    public void reset() {
        inTransaction = false;
        commitLsn = null;
        commitIdx = 0;
        annotationsJson = null;
    }

    /** The warnings raised so far, once each. */
    public Set<HealthWarning> healthWarnings() {
        return Set.copyOf(warned);
    }

    private void update(Update update) {
        TableSchema table = change(update.relationId());
        boolean oldRow = update.oldKind() == 'O';
        rows.encodeRecord(table, update.newTuple(), oldRow ? update.oldTuple() : null);
        // A 'K' old key (the key changed under DEFAULT/INDEX) still leaves changes empty.
        String changes = oldRow ? rows.encodeChanges(table, update.oldTuple(), update.newTuple()) : "{}";
        if (!table.replicaIdentityFull() && !table.identityWarned) {
            table.identityWarned = true;
            warnOnce(new HealthWarning(HealthWarning.Kind.REPLICA_IDENTITY_NOT_FULL, table.table));
        }
        if (rows.sawUnchangedToast() && !table.toastWarned) {
            table.toastWarned = true;
            warnOnce(new HealthWarning(HealthWarning.Kind.TOAST_COLUMNS_DETECTED, table.table));
        }
        emit(Action.UPDATE, table, changes);
    }

    private TableSchema change(int relationId) {
        requireTransaction("a row change");
        return relations.get(relationId);
    }

    private void emit(Action action, TableSchema table, String changesJson) {
        ChangeMessage change = new ChangeMessage(action, table.table, commitLsn, commitIdx++, commitTimestampMicros,
                table.columnNames, rows.columnTexts(), rows.recordJson(), changesJson, rows.recordPks(table), annotationsJson);
        EncodingFailure failure = rows.failure();
        if (failure == null) {
            listener.onChange(change);
        } else {
            listener.onUnencodableChange(change, failure);
        }
    }

    private void logicalMessage(LogicalMessage message) {
        if (!message.transactional()) {
            listener.onLogicalMessage(message, null);
            return;
        }
        requireTransaction("a transactional logical message");
        if (message.prefix().equals(SequinMessages.ANNOTATIONS_SET)) {
            annotationsJson = annotations(message);
        } else if (message.prefix().equals(SequinMessages.ANNOTATIONS_CLEAR)) {
            annotationsJson = null;
        }
        commitIdx++;
        listener.onLogicalMessage(message, commitLsn);
    }

    private String annotations(LogicalMessage message) {
        try {
            String json = CompactJson.compact(message.contentAsString());
            if (json.startsWith("{")) {
                return json;
            }
        } catch (ValueEncodingException e) {
            // Reported below, like any other non-object content.
        }
        listener.onHealthWarning(new HealthWarning(HealthWarning.Kind.INVALID_TRANSACTION_ANNOTATION, null));
        warned.add(new HealthWarning(HealthWarning.Kind.INVALID_TRANSACTION_ANNOTATION, null));
        return null;
    }

    private void warnOnce(HealthWarning warning) {
        if (warned.add(warning)) {
            listener.onHealthWarning(warning);
        }
    }

    private void requireTransaction(String what) {
        if (!inTransaction) {
            throw new IllegalStateException("pgoutput sent " + what + " outside a transaction");
        }
    }

    /** For tests: the table a relation id currently maps to, or {@code null}. */
    TableName tableOf(int relationId) {
        TableSchema table = relations.find(relationId);
        return table == null ? null : table.table;
    }
}
