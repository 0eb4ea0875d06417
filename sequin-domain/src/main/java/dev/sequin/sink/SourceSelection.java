package dev.sequin.sink;

import dev.sequin.message.TableName;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which tables of the publication a sink receives: the {@code source} object of the API and
 * {@code sequin.yaml}. Each list is {@code null} when unset (never empty: the API rejects empty
 * lists, as Sequin does), and at each level include and exclude are mutually exclusive.
 *
 * <p>Semantics are Sequin's ({@code Sequin.Consumers.Source}): a table is selected unless its
 * schema is excluded or not included, or the table itself is excluded or not included. All four
 * unset means everything in the publication, including tables added later.
 */
public record SourceSelection(Set<String> includeSchemas, Set<String> excludeSchemas,
                              Set<TableName> includeTables, Set<TableName> excludeTables) {

    /** Everything in the publication. */
    public static final SourceSelection ALL = new SourceSelection(null, null, null, null);

    public SourceSelection {
        includeSchemas = copy(includeSchemas);
        excludeSchemas = copy(excludeSchemas);
        includeTables = copy(includeTables);
        excludeTables = copy(excludeTables);
    }

    /** Whether changes of {@code table} go to the sink (given that the publication carries them). */
    public boolean selects(TableName table) {
        if (excludeSchemas != null && excludeSchemas.contains(table.schema())) {
            return false;
        }
        if (includeSchemas != null && !includeSchemas.contains(table.schema())) {
            return false;
        }
        if (excludeTables != null && excludeTables.contains(table)) {
            return false;
        }
        return includeTables == null || includeTables.contains(table);
    }

    /** Keeps the caller's order (for rendering) while making the set immutable. */
    private static <T> Set<T> copy(Set<T> values) {
        return values == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }

    /** The listed tables in order, for code that renders or validates them. */
    public List<TableName> includedTables() {
        return includeTables == null ? List.of() : List.copyOf(includeTables);
    }
}
