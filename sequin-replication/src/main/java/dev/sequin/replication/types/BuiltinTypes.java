package dev.sequin.replication.types;

import java.util.HashMap;
import java.util.Map;

/**
 * Postgres' builtin types whose OIDs are fixed across versions (they are assigned in
 * {@code pg_type.dat} and never change), so most tables need no catalog lookup at all. Checked
 * against a real server's {@code pg_type} in {@code TypeFidelityIT}.
 */
final class BuiltinTypes {

    private static final Map<Integer, TypeDescriptor> BY_OID = new HashMap<>();

    static {
        base(16, "bool", 'B', 1000);
        base(17, "bytea", 'U', 1001);
        base(18, "char", 'Z', 1002);
        base(19, "name", 'S', 1003, 18);
        base(20, "int8", 'N', 1016);
        base(21, "int2", 'N', 1005);
        base(23, "int4", 'N', 1007);
        base(25, "text", 'S', 1009);
        base(26, "oid", 'N', 1028);
        base(114, "json", 'U', 199);
        base(142, "xml", 'U', 143);
        base(600, "point", 'G', 1017, 701);
        base(601, "lseg", 'G', 1018, 600);
        base(602, "path", 'G', 1019);
        base(603, "box", 'G', 1020, 600);
        base(604, "polygon", 'G', 1027);
        base(628, "line", 'G', 629, 701);
        base(650, "cidr", 'I', 651);
        base(700, "float4", 'N', 1021);
        base(701, "float8", 'N', 1022);
        base(718, "circle", 'G', 719);
        base(774, "macaddr8", 'U', 775);
        base(790, "money", 'N', 791);
        base(829, "macaddr", 'U', 1040);
        base(869, "inet", 'I', 1041);
        base(1042, "bpchar", 'S', 1014);
        base(1043, "varchar", 'S', 1015);
        base(1082, "date", 'D', 1182);
        base(1083, "time", 'D', 1183);
        base(1114, "timestamp", 'D', 1115);
        base(1184, "timestamptz", 'D', 1185);
        base(1186, "interval", 'T', 1187);
        base(1266, "timetz", 'D', 1270);
        base(1560, "bit", 'V', 1561);
        base(1562, "varbit", 'V', 1563);
        base(1700, "numeric", 'N', 1231);
        base(2950, "uuid", 'U', 2951);
        base(3220, "pg_lsn", 'U', 3221);
        base(3614, "tsvector", 'U', 3643);
        base(3615, "tsquery", 'U', 3645);
        base(3802, "jsonb", 'U', 3807);
        range(3904, "int4range", 3905);
        range(3906, "numrange", 3907);
        range(3908, "tsrange", 3909);
        range(3910, "tstzrange", 3911);
        range(3912, "daterange", 3913);
        range(3926, "int8range", 3927);
    }

    private BuiltinTypes() {
    }

    /** Every builtin in the table, for checking it against a server. */
    static java.util.Collection<TypeDescriptor> all() {
        return java.util.Collections.unmodifiableCollection(BY_OID.values());
    }

    /** The builtin type with this OID, or {@code null}. */
    static TypeDescriptor describe(int oid) {
        return BY_OID.get(oid);
    }

    private static void base(int oid, String name, char category, int arrayOid) {
        base(oid, name, category, arrayOid, 0);
    }

    /** @param elementOid set for the few subscriptable non-array types ({@code point[0]}) */
    private static void base(int oid, String name, char category, int arrayOid, int elementOid) {
        add(new TypeDescriptor(oid, "pg_catalog", name, 'b', category, elementOid, 0, name.equals("box") ? ';' : ',', false), arrayOid);
    }

    private static void range(int oid, String name, int arrayOid) {
        add(new TypeDescriptor(oid, "pg_catalog", name, 'r', 'R', 0, 0, ',', false), arrayOid);
    }

    private static void add(TypeDescriptor type, int arrayOid) {
        BY_OID.put(type.oid(), type);
        // An array type's typdelim repeats its element's (';' for _box).
        BY_OID.put(arrayOid, new TypeDescriptor(arrayOid, "pg_catalog", "_" + type.name(), 'b', 'A', type.oid(), 0,
                type.delimiter(), true));
    }
}
