package dev.sequin.replication.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequin.crypto.Secret;
import dev.sequin.message.TableName;
import dev.sequin.replication.source.SourceProblem.Codes;
import dev.sequin.source.SourceDatabase;
import dev.sequin.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.replication.PGReplicationStream;

/** Each source misconfiguration we can reproduce on a real server, and the problem it reports. */
class SourceCheckIT {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final TestPostgres PG = TestPostgres.shared();
    private static final TableName ORDERS = new TableName("public", "orders");
    private static final TableName OTHER = new TableName("extra", "other");
    private static String database;

    @BeforeAll
    static void sourceDatabase() {
        database = PG.createDatabase("source_check");
        PG.execute(database, "CREATE TABLE orders (id bigint PRIMARY KEY, note text)",
                "CREATE SCHEMA extra", "CREATE TABLE extra.other (id bigint PRIMARY KEY)");
    }

    @Test
    void createsPublicationThenSlotAndThenFindsNothingWrong() throws Exception {
        SourceDatabase db = source(unique("slot"), unique("pub"));
        List<SourceProblem> problems = SourceCheck.run(db, new SourceCheck.Options(true, true, Set.of(ORDERS), false));
        assertThat(problems).isEmpty();

        assertThat(SourceCheck.run(db, new SourceCheck.Options(false, false, Set.of(ORDERS), false))).isEmpty();
        try (Connection c = SourceConnector.connect(db)) {
            // The default publication covers schema public only, via the partition root.
            assertThat(SourceTables.publishedTables(c, db.publicationName())).containsExactly(ORDERS);
            assertThat(SourceTables.columns(c, ORDERS)).containsExactly("id", "note");
            assertThat(SourceTables.tableExists(c, OTHER)).isTrue();
            assertThat(SourceTables.tableExists(c, new TableName("public", "nope"))).isFalse();
            try (var rs = c.createStatement().executeQuery("SELECT plugin FROM pg_replication_slots WHERE slot_name = '"
                    + db.slotName() + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("pgoutput");
            }
        }
        dropSlot(db.slotName());
    }

    @Test
    void missingSlotAndPublicationAreNamedWithTheirSql() {
        SourceDatabase db = source(unique("slot"), unique("pub"));
        List<SourceProblem> problems = SourceCheck.run(db, SourceCheck.Options.checkOnly());
        assertThat(problems).extracting(SourceProblem::code).containsExactly(Codes.PUBLICATION_MISSING, Codes.SLOT_MISSING);
        assertThat(problems.get(0).message()).contains("CREATE PUBLICATION \"" + db.publicationName() + "\" FOR");
        assertThat(problems.get(1).message())
                .contains("SELECT pg_create_logical_replication_slot('" + db.slotName() + "', 'pgoutput');");
    }

    @Test
    void tableOutsideThePublicationAndMissingTableAreReported() {
        SourceDatabase db = source(unique("slot"), unique("pub"));
        PG.execute(database, "CREATE PUBLICATION " + db.publicationName() + " FOR TABLE orders",
                "SELECT pg_create_logical_replication_slot('" + db.slotName() + "', 'pgoutput')");
        try {
            TableName missing = new TableName("public", "ghost");
            List<SourceProblem> problems = SourceCheck.run(db, new SourceCheck.Options(false, false, Set.of(ORDERS, OTHER, missing), false));
            assertThat(problems).extracting(SourceProblem::code)
                    .containsExactlyInAnyOrder(Codes.TABLE_NOT_PUBLISHED, Codes.TABLE_MISSING);
            assertThat(problems).filteredOn(p -> p.code().equals(Codes.TABLE_NOT_PUBLISHED)).singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("ALTER PUBLICATION \"" + db.publicationName()
                            + "\" ADD TABLE \"extra\".\"other\";"));
        } finally {
            dropSlot(db.slotName());
        }
    }

    @Test
    void roleWithoutReplicationIsToldToAlterRole() {
        String role = unique("norepl");
        PG.execute(database, "CREATE ROLE " + role + " LOGIN PASSWORD 'pw-" + role + "'");
        SourceDatabase db = source(role, "pw-" + role, database, unique("slot"), unique("pub"));
        List<SourceProblem> problems = SourceCheck.run(db, new SourceCheck.Options(true, true, Set.of(), false));
        assertThat(problems).extracting(SourceProblem::code).contains(Codes.REPLICATION_PRIVILEGE_MISSING);
        assertThat(problems.get(0).message()).contains("ALTER ROLE \"" + role + "\" WITH REPLICATION;");
        // Nothing was created for a user who cannot replicate.
        assertThat(problems).extracting(SourceProblem::code).contains(Codes.PUBLICATION_MISSING, Codes.SLOT_MISSING);
    }

    @Test
    void slotHeldByAnotherReplicationConnectionIsInUse() throws Exception {
        SourceDatabase db = source(unique("slot"), unique("pub"));
        assertThat(SourceCheck.run(db, new SourceCheck.Options(true, true, Set.of(), false))).isEmpty();
        Properties props = SourceConnector.replicationProperties(db);
        props.setProperty("ApplicationName", "other-consumer");
        try (Connection replication = DriverManager.getConnection(SourceConnector.jdbcUrl(db), props);
             PGReplicationStream stream = replication.unwrap(PGConnection.class).getReplicationAPI().replicationStream()
                     .logical().withSlotName(db.slotName()).withSlotOption("proto_version", "1")
                     .withSlotOption("publication_names", db.publicationName()).start()) {
            List<SourceProblem> problems = SourceCheck.run(db, new SourceCheck.Options(false, false, Set.of(), true));
            assertThat(problems).singleElement().satisfies(p -> {
                assertThat(p.code()).isEqualTo(Codes.SLOT_IN_USE);
                assertThat(p.message()).contains("application_name \"other-consumer\"").contains("pg_terminate_backend(");
            });
        }
        dropSlot(db.slotName());
    }

    @Test
    void slotOfAnotherPluginIsRefused() {
        SourceDatabase db = source(unique("slot"), unique("pub"));
        PG.execute(database, "CREATE PUBLICATION " + db.publicationName() + " FOR ALL TABLES",
                "SELECT pg_create_logical_replication_slot('" + db.slotName() + "', 'test_decoding')");
        try {
            assertThat(SourceCheck.run(db, new SourceCheck.Options(false, true, Set.of(), false))).singleElement()
                    .satisfies(p -> {
                        assertThat(p.code()).isEqualTo(Codes.SLOT_WRONG_PLUGIN);
                        assertThat(p.message()).contains("plugin \"test_decoding\"");
                    });
        } finally {
            dropSlot(db.slotName());
        }
    }

    @Test
    void connectionFailuresAreSpecific() {
        SourceDatabase unknownUser = source(unique("ghost_user"), "whatever", database, "s", "p");
        assertThat(SourceCheck.run(unknownUser, SourceCheck.Options.checkOnly())).singleElement()
                .satisfies(p -> assertThat(p.code()).isEqualTo(Codes.AUTHENTICATION_FAILED));

        SourceDatabase noDatabase = source(PG.username(), PG.password(), "no_such_db_" + COUNTER.incrementAndGet(), "s", "p");
        assertThat(SourceCheck.connectOnly(noDatabase)).hasValueSatisfying(p -> {
            assertThat(p.code()).isEqualTo(Codes.DATABASE_MISSING);
            assertThat(p.message()).contains(noDatabase.database());
        });

        SourceDatabase closedPort = new SourceDatabase(UUID.randomUUID(), "x", "127.0.0.1", 1, database, "postgres",
                Secret.of(""), false, false, 10, "{}", UUID.randomUUID(), "s", "p");
        assertThat(SourceCheck.connectOnly(closedPort)).hasValueSatisfying(p ->
                assertThat(p.code()).isEqualTo(Codes.HOST_UNREACHABLE));
    }

    private static SourceDatabase source(String slot, String publication) {
        return source(PG.username(), PG.password(), database, slot, publication);
    }

    private static SourceDatabase source(String user, String password, String db, String slot, String publication) {
        return new SourceDatabase(UUID.randomUUID(), "check", PG.host(), PG.port(), db, user, Secret.of(password),
                false, false, 10, "{}", UUID.randomUUID(), slot, publication);
    }

    private static String unique(String prefix) {
        return prefix + "_" + COUNTER.incrementAndGet() + "_" + ProcessHandle.current().pid();
    }

    private static void dropSlot(String slot) {
        PG.execute(database, "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + slot + "'");
    }
}
