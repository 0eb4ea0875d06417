package dev.sequin.replication.types;

/**
 * A column value could not be encoded as JSON (today: invalid {@code json}, or a value whose
 * Postgres text form we cannot parse). The row it belongs to cannot be delivered as is; the
 * stream goes on. The message names the type and the problem, never the value.
 */
public final class ValueEncodingException extends Exception {

    private final String typeName;

    private ValueEncodingException(String typeName, String message) {
        super(message);
        this.typeName = typeName;
    }

    static ValueEncodingException invalidJson(String typeName, String problem, int offset) {
        return new ValueEncodingException(typeName, "Invalid " + typeName + " value: " + problem + " at character " + offset);
    }

    static ValueEncodingException malformed(String typeName, String problem) {
        return new ValueEncodingException(typeName, "Malformed " + typeName + " text: " + problem);
    }

    /** The name of the Postgres type whose value failed, e.g. {@code json} or {@code _jsonb}. */
    public String typeName() {
        return typeName;
    }
}
