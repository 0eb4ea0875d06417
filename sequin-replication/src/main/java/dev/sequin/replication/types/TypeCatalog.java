package dev.sequin.replication.types;

/**
 * Describes Postgres types by OID. pgoutput names a column's type only by OID (and sends a
 * {@code Type} message with just a name for non-builtin ones), so anything beyond the builtins
 * must be looked up in the source database's {@code pg_type}.
 *
 * <p>Implementations may cache forever: a type's OID, kind, element, base type and delimiter never
 * change (a dropped and re-created type gets a new OID). Implementations are thread-safe.
 */
public interface TypeCatalog {

    /**
     * @return the type, or {@code null} if no type has this OID (it was dropped since the change
     *         was written); callers then encode values as strings, as Sequin does for unknown types
     * @throws TypeLookupException if the catalog could not be read
     */
    TypeDescriptor describe(int oid);

    /** A catalog of Postgres' builtin types only, with no database behind it. */
    static TypeCatalog builtins() {
        return BuiltinTypes::describe;
    }
}
