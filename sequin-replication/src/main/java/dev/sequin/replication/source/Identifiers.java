package dev.sequin.replication.source;

import java.util.regex.Pattern;

/**
 * Safe use of user-given names in SQL. Postgres cannot bind identifiers as parameters, so every
 * slot, publication, role, schema or table name that reaches a statement goes through
 * {@link #quote}.
 */
public final class Identifiers {

    /** The names a slot may have: Postgres allows only lower-case letters, digits and underscores. */
    private static final Pattern SLOT_NAME = Pattern.compile("^[a-z0-9_]{1,63}$");

    private Identifiers() {
    }

    /** {@code "name"} with embedded quotes doubled: safe for any name. */
    public static String quote(String identifier) {
        if (identifier == null || identifier.isEmpty() || identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("Not a valid SQL identifier: " + identifier);
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** {@code 'text'} with embedded quotes doubled, for the few places a literal cannot be bound. */
    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** Whether Postgres would accept this as a replication slot name. */
    public static boolean isValidSlotName(String name) {
        return name != null && SLOT_NAME.matcher(name).matches();
    }
}
