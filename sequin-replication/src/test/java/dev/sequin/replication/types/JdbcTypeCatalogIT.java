package dev.sequin.replication.types;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequin.testing.TestPostgres;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class JdbcTypeCatalogIT {

    private static final TestPostgres PG = TestPostgres.shared();
    private static String database;
    private final AtomicInteger connections = new AtomicInteger();
    private final JdbcTypeCatalog catalog = new JdbcTypeCatalog(counting(connections));

    @BeforeAll
    static void types() {
        database = PG.createDatabase("type_catalog");
        PG.execute(database, "CREATE TYPE mood AS ENUM ('sad', 'happy')", "CREATE DOMAIN pos_int AS int4 CHECK (VALUE > 0)",
                "CREATE DOMAIN pos_ints AS pos_int[]", "CREATE TYPE address AS (street text, city text)",
                "CREATE TYPE floatrange AS RANGE (subtype = float8)", "CREATE DOMAIN boxes AS box");
    }

    @Test
    void builtinTableMatchesTheServersPgType() throws Exception {
        try (Connection c = PG.connect(database);
             PreparedStatement s = c.prepareStatement("SELECT n.nspname, t.typname, t.typtype, t.typcategory, t.typelem::bigint, "
                     + "t.typbasetype::bigint, t.typdelim, t.typinput = 'array_in'::regproc FROM pg_type t "
                     + "JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.oid = ?::bigint::oid")) {
            assertThat(BuiltinTypes.all()).hasSizeGreaterThan(90);
            for (TypeDescriptor builtin : BuiltinTypes.all()) {
                s.setLong(1, builtin.oid());
                try (ResultSet row = s.executeQuery()) {
                    assertThat(row.next()).as("OID %d exists", builtin.oid()).isTrue();
                    TypeDescriptor server = new TypeDescriptor(builtin.oid(), row.getString(1), row.getString(2),
                            row.getString(3).charAt(0), row.getString(4).charAt(0), (int) row.getLong(5), (int) row.getLong(6),
                            row.getString(7).charAt(0), row.getBoolean(8));
                    assertThat(builtin).isEqualTo(server);
                }
            }
        }
    }

    @Test
    void userTypesResolveThroughTheCatalogOnceThenFromCache() throws Exception {
        JsonValueEncoder encoder = new JsonValueEncoder(EncodingOptions.DEFAULTS);

        assertThat(encoder.encode(resolve("_mood"), "{sad,NULL}")).isEqualTo("[\"sad\",null]");
        assertThat(encoder.encode(resolve("pos_int"), "7")).isEqualTo("7");
        assertThat(encoder.encode(resolve("_pos_int"), "{7,NULL}")).isEqualTo("[7,null]");
        assertThat(encoder.encode(resolve("pos_ints"), "{1,2}")).isEqualTo("[1,2]");
        assertThat(encoder.encode(resolve("address"), "(a,b)")).isEqualTo("\"(a,b)\"");
        assertThat(encoder.encode(resolve("_address"), "{\"(a,b)\"}")).isEqualTo("[\"(a,b)\"]");
        assertThat(encoder.encode(resolve("floatrange"), "[1.5,2)")).isEqualTo("\"[1.5,2)\"");
        assertThat(encoder.encode(resolve("_boxes"), "{(1,1),(0,0);(2,2),(1,1)}")).isEqualTo("[\"(1,1),(0,0)\",\"(2,2),(1,1)\"]");

        int afterFirstLookups = connections.get();
        resolve("_mood");
        resolve("pos_int");
        assertThat(connections.get()).as("cached").isEqualTo(afterFirstLookups);
        assertThat(catalog.describe(Integer.MAX_VALUE)).as("no such OID").isNull();
    }

    private ValueType resolve(String typeName) throws Exception {
        try (Connection c = PG.connect(database);
             PreparedStatement s = c.prepareStatement("SELECT ?::regtype::oid::bigint")) {
            s.setString(1, typeName);
            try (ResultSet row = s.executeQuery()) {
                row.next();
                return ValueType.resolve((int) row.getLong(1), catalog);
            }
        }
    }

    private static DataSource counting(AtomicInteger connections) {
        PGSimpleDataSource target = new PGSimpleDataSource();
        target.setURL(PG.jdbcUrl(database == null ? "postgres" : database));
        target.setUser(PG.username());
        target.setPassword(PG.password());
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        connections.incrementAndGet();
                    }
                    return method.invoke(target, args);
                });
    }
}
