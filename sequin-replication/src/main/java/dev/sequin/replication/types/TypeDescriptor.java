package dev.sequin.replication.types;

import java.util.Objects;

/**
 * What encoding needs to know of a Postgres type: one {@code pg_type} row.
 *
 * @param oid         {@code pg_type.oid}
 * @param namespace   the schema, e.g. {@code pg_catalog}
 * @param name        {@code typname}, e.g. {@code int4}, {@code _int4}, {@code mood}
 * @param type        {@code typtype}: {@code b} base, {@code c} composite, {@code d} domain,
 *                    {@code e} enum, {@code p} pseudo, {@code r} range, {@code m} multirange
 * @param category    {@code typcategory}, e.g. {@code A} array, {@code N} numeric
 * @param elementOid  {@code typelem}; for arrays the element type, otherwise usually 0
 * @param baseTypeOid {@code typbasetype}; for domains the underlying type, otherwise 0
 * @param delimiter   {@code typdelim}: between this type's values in an array literal
 *                    ({@code ,} except {@code ;} for {@code box})
 * @param array       a true array type ({@code typinput = array_in}); {@code int2vector} and
 *                    {@code oidvector} have an element type and category {@code A} but are not
 */
public record TypeDescriptor(int oid, String namespace, String name, char type, char category, int elementOid,
                             int baseTypeOid, char delimiter, boolean array) {

    public TypeDescriptor {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /** {@code namespace.name}, as in error messages. */
    public String qualifiedName() {
        return namespace + "." + name;
    }
}
