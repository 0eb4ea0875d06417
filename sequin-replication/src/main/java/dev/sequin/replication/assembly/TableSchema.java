package dev.sequin.replication.assembly;

import dev.sequin.message.JsonText;
import dev.sequin.message.TableName;
import dev.sequin.replication.types.ValueType;
import java.util.List;

/**
 * One table's shape as of its latest Relation message, prepared for the per-row path: column
 * names (shared by every message of the table), the JSON key prefix of each column, the resolved
 * value type of each column and the positions of the primary-key columns. Immutable but for the
 * warning flags, which only the assembler's thread touches.
 */
final class TableSchema {

    final int relationId;
    final TableName table;
    final char replicaIdentity;
    final List<String> columnNames;
    /** {@code "name":}, escaped once. */
    final String[] jsonKeys;
    final ValueType[] types;
    final int[] primaryKey;
    /** Set once the table's warnings were raised, so the per-row check is a field read. */
    boolean identityWarned;
    boolean toastWarned;

    TableSchema(int relationId, TableName table, char replicaIdentity, List<String> columnNames, ValueType[] types,
                int[] primaryKey) {
        this.relationId = relationId;
        this.table = table;
        this.replicaIdentity = replicaIdentity;
        this.columnNames = List.copyOf(columnNames);
        this.types = types.clone();
        this.primaryKey = primaryKey.clone();
        this.jsonKeys = new String[columnNames.size()];
        for (int i = 0; i < jsonKeys.length; i++) {
            StringBuilder key = new StringBuilder(columnNames.get(i).length() + 3);
            JsonText.appendString(key, columnNames.get(i)).append(':');
            jsonKeys[i] = key.toString();
        }
    }

    int columnCount() {
        return jsonKeys.length;
    }

    boolean replicaIdentityFull() {
        return replicaIdentity == 'f';
    }
}
