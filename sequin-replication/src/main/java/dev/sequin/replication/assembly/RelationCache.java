package dev.sequin.replication.assembly;

import dev.sequin.message.TableName;
import dev.sequin.replication.pgoutput.PgOutputMessage.Relation;
import dev.sequin.replication.types.TypeCatalog;
import dev.sequin.replication.types.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of every table seen in the stream, by relation id. pgoutput sends a Relation message
 * before a table's first change in a session and again whenever its schema changed (columns added,
 * dropped, renamed or retyped, replica identity altered), so a Relation message for a known id
 * simply replaces the entry, and a new id (a table added to the publication) adds one.
 *
 * <p>Resolving column types may consult the {@link TypeCatalog} and, for tables whose replica
 * identity is not DEFAULT, the {@link PrimaryKeyCatalog}: the only I/O of assembly, once per
 * Relation message. Not thread-safe; owned by one {@link TransactionAssembler}.
 */
final class RelationCache {

    private final TypeCatalog types;
    private final PrimaryKeyCatalog primaryKeys;
    private final Map<Integer, TableSchema> byId = new HashMap<>();
    /** Changes come in runs per table: skip the boxed map lookup for the common case. */
    private TableSchema last;

    RelationCache(TypeCatalog types, PrimaryKeyCatalog primaryKeys) {
        this.types = types;
        this.primaryKeys = primaryKeys;
    }

    /** Applies a Relation message, replacing any earlier shape of the same table. */
    TableSchema apply(Relation relation) {
        List<Relation.Column> columns = relation.columns();
        List<String> names = new ArrayList<>(columns.size());
        ValueType[] valueTypes = new ValueType[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            names.add(columns.get(i).name());
            valueTypes[i] = ValueType.resolve(columns.get(i).typeOid(), types);
        }
        // pgoutput announces pg_catalog as the empty namespace.
        String schema = relation.namespace().isEmpty() ? "pg_catalog" : relation.namespace();
        TableSchema table = new TableSchema(relation.relationId(), new TableName(schema, relation.name()),
                relation.replicaIdentity(), names, valueTypes, primaryKey(relation, names));
        byId.put(relation.relationId(), table);
        last = table;
        return table;
    }

    /**
     * @throws IllegalStateException if no Relation message has announced the id: pgoutput always
     *                               sends one first, so the stream is out of step
     */
    TableSchema get(int relationId) {
        TableSchema table = last;
        if (table != null && table.relationId == relationId) {
            return table;
        }
        table = byId.get(relationId);
        if (table == null) {
            throw new IllegalStateException("pgoutput sent a change for relation OID " + Integer.toUnsignedString(relationId)
                    + " before its Relation message");
        }
        last = table;
        return table;
    }

    /** Null when the id is unknown (TRUNCATE of a table never announced). */
    TableSchema find(int relationId) {
        return byId.get(relationId);
    }

    /**
     * Under REPLICA IDENTITY DEFAULT the key flags are exactly the primary key (none if the table
     * has none). Under FULL every column is flagged and under USING INDEX the index's columns, so
     * the primary key comes from the catalog.
     */
    private int[] primaryKey(Relation relation, List<String> names) {
        List<Relation.Column> columns = relation.columns();
        if (relation.replicaIdentity() == 'd') {
            return java.util.stream.IntStream.range(0, columns.size()).filter(i -> columns.get(i).key()).toArray();
        }
        return primaryKeys.primaryKeyColumns(relation.relationId()).stream()
                .mapToInt(names::indexOf)
                .filter(i -> i >= 0)
                .toArray();
    }
}
