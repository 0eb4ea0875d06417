package dev.sequin.sink;

import dev.sequin.message.TableName;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a sink's {@code tables} list: a table and the columns that form its group id
 * (contract §6.3). An empty list means "group by primary key".
 */
public record SinkTable(TableName table, List<String> groupColumnNames) {

    public SinkTable {
        Objects.requireNonNull(table, "table");
        groupColumnNames = List.copyOf(groupColumnNames);
    }
}
