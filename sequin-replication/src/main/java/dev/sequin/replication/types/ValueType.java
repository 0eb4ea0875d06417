package dev.sequin.replication.types;

/**
 * A column type resolved for encoding: which JSON shape its values take. Resolved once per column
 * when a Relation message arrives, so the per-row path is a switch on {@link Kind}. Domains
 * resolve to their base type; arrays carry their element type and its delimiter. Immutable.
 */
public final class ValueType {

    /** How values of a type become JSON. */
    enum Kind {
        /** {@code t}/{@code f} → {@code true}/{@code false}. */
        BOOL,
        /** int2, int4, int8, oid: the text is a JSON number. */
        INTEGER,
        /** float4, float8: a number, except NaN and ±Infinity, which stay strings. */
        FLOAT,
        /** numeric: per {@link EncodingOptions#numericFormat()}. */
        NUMERIC,
        /** json, jsonb: the value itself, validated and compacted. */
        JSON,
        /** pgvector's {@code vector}: {@code [1,2,3]} is already a JSON array of numbers. */
        VECTOR,
        TIMESTAMP,
        TIMESTAMPTZ,
        /** time and timetz. */
        TIME,
        INTERVAL,
        ARRAY,
        /** Everything else: the Postgres text as a JSON string. */
        STRING
    }

    private final Kind kind;
    private final String name;
    private final ValueType element;
    private final char delimiter;

    private ValueType(Kind kind, String name, ValueType element, char delimiter) {
        this.kind = kind;
        this.name = name;
        this.element = element;
        this.delimiter = delimiter;
    }

    /**
     * Resolves a type OID, looking up non-builtin types (and their element and base types) in
     * {@code catalog}. An OID the catalog does not know encodes as a string.
     *
     * @throws TypeLookupException if the catalog could not be read
     */
    public static ValueType resolve(int oid, TypeCatalog catalog) {
        return resolve(oid, catalog, 0);
    }

    private static ValueType resolve(int oid, TypeCatalog catalog, int depth) {
        if (depth > 32) {
            throw new IllegalStateException("Type OID " + Integer.toUnsignedString(oid) + " nests too deeply (a cycle in pg_type?)");
        }
        TypeDescriptor type = catalog.describe(oid);
        if (type == null) {
            return new ValueType(Kind.STRING, "oid " + Integer.toUnsignedString(oid), null, ',');
        }
        if (type.type() == 'd' && type.baseTypeOid() != 0) {
            ValueType base = resolve(type.baseTypeOid(), catalog, depth + 1);
            return new ValueType(base.kind, type.name(), base.element, base.delimiter);
        }
        if (type.array() && type.elementOid() != 0) {
            TypeDescriptor elementType = catalog.describe(type.elementOid());
            char delimiter = elementType == null ? ',' : elementType.delimiter();
            return new ValueType(Kind.ARRAY, type.name(), resolve(type.elementOid(), catalog, depth + 1), delimiter);
        }
        return new ValueType(scalarKind(type), type.name(), null, type.delimiter());
    }

    private static Kind scalarKind(TypeDescriptor type) {
        if (type.type() != 'b') {
            return Kind.STRING; // enums, composites, ranges, multiranges, pseudo-types
        }
        if (!type.namespace().equals("pg_catalog")) {
            return type.name().equals("vector") ? Kind.VECTOR : Kind.STRING;
        }
        switch (type.name()) {
            case "bool": return Kind.BOOL;
            case "int2", "int4", "int8", "oid": return Kind.INTEGER;
            case "float4", "float8": return Kind.FLOAT;
            case "numeric": return Kind.NUMERIC;
            case "json", "jsonb": return Kind.JSON;
            case "timestamp": return Kind.TIMESTAMP;
            case "timestamptz": return Kind.TIMESTAMPTZ;
            case "time", "timetz": return Kind.TIME;
            case "interval": return Kind.INTERVAL;
            default: return Kind.STRING;
        }
    }

    Kind kind() {
        return kind;
    }

    /** The type's name ({@code int4}, {@code _text}, a domain's own name), for messages. */
    public String name() {
        return name;
    }

    /** The element type of an array, else {@code null}. */
    ValueType element() {
        return element;
    }

    char delimiter() {
        return delimiter;
    }

    /** {@code json} or {@code jsonb}, whose differing text forms can still be equal values. */
    public boolean isJson() {
        return kind == Kind.JSON;
    }

    @Override
    public String toString() {
        return kind == Kind.ARRAY ? name + "[" + element + "]" : name + ":" + kind;
    }
}
