package dev.sequin.message;

import java.util.Objects;

/** A schema-qualified table name, case preserved as Postgres announces it. */
public record TableName(String schema, String name) {

    public TableName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    /**
     * Parses {@code schema.table}; a name without a dot is in {@code public}. Quoting is not
     * interpreted: Sequin's API names tables as plain {@code schema.table}.
     */
    public static TableName parse(String qualified) {
        int dot = qualified.indexOf('.');
        return dot < 0 ? new TableName("public", qualified)
                : new TableName(qualified.substring(0, dot), qualified.substring(dot + 1));
    }

    /** {@code schema.table}, the form used by the API and {@code sequin.yaml}. */
    @Override
    public String toString() {
        return schema + "." + name;
    }
}
