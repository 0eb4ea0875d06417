package dev.sequin.app.sinks;

import dev.sequin.app.api.ApiProblem;
import dev.sequin.sink.SinkTable;
import java.util.HashSet;
import java.util.Set;

/** The rules that span fields of a sink (contract §2, §6.3), checked on the finished draft. */
final class SinkValidation {

    private SinkValidation() {
    }

    /** @throws ApiProblem 422 naming the first field that breaks a rule */
    static void check(SinkDraft draft) {
        if (draft.name == null) {
            throw ApiProblem.invalid("name", "can't be blank");
        }
        if (draft.databaseId == null) {
            throw ApiProblem.invalid("database", "can't be blank");
        }
        if (draft.destinationType == null) {
            throw ApiProblem.invalid("destination", "can't be blank");
        }
        if ("webhook".equals(draft.destinationType)) {
            if (draft.httpEndpointId == null) {
                throw ApiProblem.invalid("destination.http_endpoint", "can't be blank");
            }
            if (!draft.batch && draft.batchSize != 1) {
                throw ApiProblem.invalid("batch_size",
                        "must be 1 when destination.batch is false (each request carries one unwrapped message)");
            }
        }
        for (SinkTable table : draft.tables) {
            if (!draft.messageGrouping && !table.groupColumnNames().isEmpty()) {
                throw ApiProblem.invalid("tables", "group_column_names cannot be set when message_grouping is false");
            }
            Set<String> seen = new HashSet<>();
            for (String column : table.groupColumnNames()) {
                if (column.isEmpty() || !seen.add(column)) {
                    throw ApiProblem.invalid("tables", "group_column_names of " + table.table()
                            + " must be distinct, non-empty column names");
                }
            }
        }
    }
}
