package dev.sequin.replication.types;

/**
 * The source database's type catalog could not be read (connection lost, permissions). Not a
 * property of any row: the slot reader should reconnect and retry from its last flushed position.
 */
public final class TypeLookupException extends RuntimeException {

    TypeLookupException(int oid, Throwable cause) {
        super("Could not look up Postgres type OID " + Integer.toUnsignedString(oid) + " in pg_type: " + cause.getMessage(), cause);
    }
}
