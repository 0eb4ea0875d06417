package dev.sequin.replication.types;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * A {@link TypeCatalog} backed by the source database: builtins from a static table, any other OID
 * loaded from {@code pg_type} on first use, together with its element and base types, then cached
 * for the life of the catalog. A lookup opens a connection from the data source (a normal, not a
 * replication, connection); lookups happen when a Relation message names a type not seen before,
 * so rarely.
 *
 * <p>Thread-safe.
 */
public final class JdbcTypeCatalog implements TypeCatalog {

    /** The type and, transitively, its element and base types, in one round trip. */
    private static final String QUERY = """
            WITH RECURSIVE wanted(oid) AS (
                SELECT ?::bigint::oid
              UNION
                SELECT v.x FROM pg_type t JOIN wanted w ON t.oid = w.oid,
                       LATERAL (VALUES (t.typelem), (t.typbasetype)) v(x)
                 WHERE v.x <> 0
            )
            SELECT t.oid::bigint, n.nspname, t.typname, t.typtype, t.typcategory, t.typelem::bigint,
                   t.typbasetype::bigint, t.typdelim, t.typinput = 'array_in'::regproc
              FROM pg_type t
              JOIN pg_namespace n ON n.oid = t.typnamespace
              JOIN wanted w ON w.oid = t.oid
            """;

    private final DataSource dataSource;
    private final Map<Integer, TypeDescriptor> cache = new ConcurrentHashMap<>();

    public JdbcTypeCatalog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public TypeDescriptor describe(int oid) {
        TypeDescriptor builtin = BuiltinTypes.describe(oid);
        if (builtin != null) {
            return builtin;
        }
        TypeDescriptor cached = cache.get(oid);
        if (cached != null) {
            return cached;
        }
        load(oid);
        return cache.get(oid);
    }

    private void load(int oid) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(QUERY)) {
            statement.setLong(1, Integer.toUnsignedLong(oid));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    TypeDescriptor type = new TypeDescriptor((int) rows.getLong(1), rows.getString(2), rows.getString(3),
                            rows.getString(4).charAt(0), rows.getString(5).charAt(0), (int) rows.getLong(6),
                            (int) rows.getLong(7), rows.getString(8).charAt(0), rows.getBoolean(9));
                    cache.put(type.oid(), type);
                }
            }
        } catch (SQLException e) {
            throw new TypeLookupException(oid, e);
        }
    }
}
