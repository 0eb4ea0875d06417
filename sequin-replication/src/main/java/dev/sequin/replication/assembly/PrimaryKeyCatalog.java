package dev.sequin.replication.assembly;

import java.util.List;

/**
 * A table's primary-key columns, for {@code record_pks}. Needed because pgoutput's key flags mark
 * the replica identity, which is the primary key only under {@code REPLICA IDENTITY DEFAULT}: under
 * FULL every column is flagged, under USING INDEX the index's columns, under NOTHING none.
 */
public interface PrimaryKeyCatalog {

    /**
     * @param relationId the table's OID, as in pgoutput's Relation message
     * @return the primary-key column names in attnum order; empty if the table has none
     */
    List<String> primaryKeyColumns(int relationId);
}
