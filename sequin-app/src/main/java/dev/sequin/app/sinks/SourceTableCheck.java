package dev.sequin.app.sinks;

import dev.sequin.app.api.ApiProblem;
import dev.sequin.message.TableName;
import dev.sequin.replication.source.SourceConnector;
import dev.sequin.replication.source.SourceTables;
import dev.sequin.sink.SinkTable;
import dev.sequin.source.SourceDatabase;
import dev.sequin.source.SourceDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Checks a sink's named tables against its source database's catalog: every table in
 * {@code source.include_tables} and {@code tables} must exist, and so must its group columns.
 * Done before anything is written, so a typo is a 422 and never a sink that silently receives
 * nothing.
 */
@Component
class SourceTableCheck {

    private final SourceDatabases databases;

    SourceTableCheck(SourceDatabases databases) {
        this.databases = databases;
    }

    /** @throws ApiProblem 422 naming the missing table or column, or the unreachable database */
    void check(SinkDraft draft) {
        List<TableName> included = draft.source.includedTables();
        if (included.isEmpty() && draft.tables.isEmpty()) {
            return;
        }
        SourceDatabase database = source(draft);
        try (Connection connection = SourceConnector.connect(database)) {
            for (TableName table : included) {
                if (!SourceTables.tableExists(connection, table)) {
                    throw ApiProblem.invalid("source.include_tables", missing(table, database));
                }
            }
            for (SinkTable table : draft.tables) {
                if (!SourceTables.tableExists(connection, table.table())) {
                    throw ApiProblem.invalid("tables", missing(table.table(), database));
                }
                List<String> columns = SourceTables.columns(connection, table.table());
                for (String column : table.groupColumnNames()) {
                    if (!columns.contains(column)) {
                        throw ApiProblem.invalid("tables", "column " + column + " does not exist in table "
                                + table.table() + " (group_column_names)");
                    }
                }
            }
        } catch (SQLException e) {
            throw ApiProblem.invalid("database", "cannot check the tables: connecting to database "
                    + database.name() + " failed: " + e.getMessage());
        }
    }

    private SourceDatabase source(SinkDraft draft) {
        try {
            return databases.byId(draft.databaseId)
                    .orElseThrow(() -> ApiProblem.invalid("database", "does not exist"));
        } catch (IllegalStateException e) {
            // No slot record, or a password that no longer decrypts: the database entry is unusable.
            throw ApiProblem.invalid("database", "cannot be used: " + e.getMessage());
        }
    }

    private static String missing(TableName table, SourceDatabase database) {
        return "table " + table + " does not exist in database " + database.name();
    }
}
