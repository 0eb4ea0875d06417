package dev.sequin.source;

import dev.sequin.message.TableName;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Published (as a Spring application event) when a source's tables were re-read on request
 * ({@code POST /api/postgres_databases/{id}/refresh_tables}): whoever caches table metadata for
 * this database — relation caches, the console's table pickers — should drop and re-read it.
 *
 * @param databaseId the source database
 * @param tables     its user tables now, in schema then name order
 */
public record SourceTablesRefreshed(UUID databaseId, List<TableName> tables) {

    public SourceTablesRefreshed {
        Objects.requireNonNull(databaseId, "databaseId");
        tables = List.copyOf(tables);
    }
}
