package dev.sequin.app.databases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequin.app.AppIntegrationTest;
import dev.sequin.app.ApiClient.Response;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** {@code /api/postgres_databases} over real HTTP against a real source database. */
class PostgresDatabasesApiIT extends AppIntegrationTest {

    @Autowired
    private JdbcTemplate jdbc;

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static String source;

    @BeforeAll
    static void sourceDatabase() {
        source = postgres().createDatabase("api_source");
        postgres().execute(source, "CREATE TABLE orders (id bigint PRIMARY KEY, note text)");
    }

    @Test
    void createWithDiscreteFieldsCreatesPublicationAndSlotAndMasksThePassword() throws Exception {
        String name = unique("db");
        String slot = unique("slot");
        String pub = unique("pub");
        Response created = api.post("/api/postgres_databases", discrete(name, slot, pub, true, "s3cret-password"));
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        assertThat(created.get("name").asString()).isEqualTo(name);
        assertThat(created.get("hostname").asString()).isEqualTo(postgres().host());
        assertThat(created.get("port").asInt()).isEqualTo(postgres().port());
        assertThat(created.get("database").asString()).isEqualTo(source);
        assertThat(created.get("password").asString()).isEqualTo("s3c***********d");
        assertThat(created.get("ssl").asBoolean()).isFalse();
        assertThat(created.get("use_local_tunnel").asBoolean()).isFalse();
        assertThat(created.get("pool_size").asInt()).isEqualTo(10);
        assertThat(created.get("annotations").get("team").asString()).isEqualTo("core");
        JsonNode slotJson = created.get("replication_slots").get(0);
        assertThat(slotJson.get("slot_name").asString()).isEqualTo(slot);
        assertThat(slotJson.get("publication_name").asString()).isEqualTo(pub);
        assertThat(slotJson.get("status").asString()).isEqualTo("active");
        assertThat(slotJson.get("id").asString()).hasSize(36);

        try (Connection c = postgres().connect(source)) {
            assertThat(exists(c, "SELECT 1 FROM pg_publication WHERE pubname = '" + pub + "'")).isTrue();
            assertThat(exists(c, "SELECT 1 FROM pg_replication_slots WHERE slot_name = '" + slot + "' AND plugin = 'pgoutput'")).isTrue();
        }
        // Encrypted at rest: the stored column is not the password.
        String stored = jdbc.queryForObject("SELECT password_encrypted FROM postgres_databases WHERE name = ?",
                String.class, name);
        assertThat(stored).isNotBlank().doesNotContain("s3cret");

        String id = created.get("id").asString();
        Response byId = api.get("/api/postgres_databases/" + id);
        Response byName = api.get("/api/postgres_databases/" + name);
        assertThat(byId.body()).isEqualTo(created.body());
        assertThat(byName.body()).isEqualTo(created.body());
        assertThat(api.get("/api/postgres_databases/" + name + "?show_sensitive=true").get("password").asString())
                .isEqualTo("s3cret-password");
        Response list = api.get("/api/postgres_databases");
        assertThat(list.get("data").valueStream().map(d -> d.get("name").asString())).contains(name);
        dropSlot(slot);
    }

    @Test
    void createWithUrlUsingAnExistingSlotAndPublication() {
        String name = unique("urldb");
        String slot = unique("slot");
        String pub = unique("pub");
        prepare(slot, pub);
        String body = """
                {"name": "%s", "url": "%s",
                 "replication_slots": [{"slot_name": "%s", "publication_name": "%s"}]}"""
                .formatted(name, postgres().url(source), slot, pub);
        Response created = api.post("/api/postgres_databases", body);
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        assertThat(created.get("database").asString()).isEqualTo(source);
        assertThat(created.get("username").asString()).isEqualTo(postgres().username());
        dropSlot(slot);
    }

    @Test
    void updateIsPartialForPutAndPatchAndDeleteRemoves() {
        String name = unique("upd");
        String slot = unique("slot");
        String pub = unique("pub");
        prepare(slot, pub);
        Response created = api.post("/api/postgres_databases", discrete(name, slot, pub, false, "pw"));
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        String id = created.get("id").asString();

        Response patched = api.patch("/api/postgres_databases/" + name, "{\"pool_size\": 3, \"annotations\": {\"a\": 1}}");
        assertThat(patched.status()).as(patched.text()).isEqualTo(200);
        assertThat(patched.get("pool_size").asInt()).isEqualTo(3);
        assertThat(patched.get("annotations").get("a").asInt()).isEqualTo(1);
        assertThat(patched.get("hostname").asString()).isEqualTo(postgres().host());

        String renamed = unique("renamed");
        Response put = api.put("/api/postgres_databases/" + id, "{\"name\": \"" + renamed + "\"}");
        assertThat(put.status()).as(put.text()).isEqualTo(200);
        assertThat(put.get("name").asString()).isEqualTo(renamed);
        assertThat(put.get("pool_size").asInt()).isEqualTo(3);
        assertThat(put.get("replication_slots").get(0).get("id").asString())
                .isEqualTo(created.get("replication_slots").get(0).get("id").asString());

        Response badSlot = api.patch("/api/postgres_databases/" + id,
                "{\"replication_slots\": [{\"slot_name\": \"" + unique("absent") + "\", \"publication_name\": \"" + pub + "\"}]}");
        assertThat(badSlot.status()).isEqualTo(422);
        assertThat(badSlot.get("code").asString()).isEqualTo("slot_missing");
        assertThat(api.get("/api/postgres_databases/" + id).get("replication_slots").get(0).get("slot_name").asString())
                .isEqualTo(slot);

        Response deleted = api.delete("/api/postgres_databases/" + renamed);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.get("success").asBoolean()).isTrue();
        assertThat(deleted.get("id").asString()).isEqualTo(id);
        assertThat(api.get("/api/postgres_databases/" + id).status()).isEqualTo(404);
        assertThat(api.delete("/api/postgres_databases/" + id).status()).isEqualTo(404);
        dropSlot(slot);
    }

    @Test
    void testConnectionSucceedsAndThenNamesAMissingPublication() {
        String name = unique("tc");
        String slot = unique("slot");
        String pub = unique("pub");
        prepare(slot, pub);
        assertThat(api.post("/api/postgres_databases", discrete(name, slot, pub, false, "pw")).status()).isEqualTo(200);

        Response ok = api.post("/api/postgres_databases/" + name + "/test_connection", "");
        assertThat(ok.status()).as(ok.text()).isEqualTo(200);
        assertThat(ok.get("success").asBoolean()).isTrue();
        Response refreshed = api.post("/api/postgres_databases/" + name + "/refresh_tables", "");
        assertThat(refreshed.status()).as(refreshed.text()).isEqualTo(200);
        assertThat(refreshed.get("success").asBoolean()).isTrue();

        // Dropping the publication (not the slot, which a running pipeline may hold) breaks the source.
        postgres().execute(source, "DROP PUBLICATION " + pub);
        Response failed = api.post("/api/postgres_databases/" + name + "/test_connection", "");
        assertThat(failed.status()).isEqualTo(422);
        assertThat(failed.get("success").asBoolean()).isFalse();
        assertThat(failed.get("reason").asString()).contains("Publication \"" + pub + "\" does not exist")
                .contains("CREATE PUBLICATION \"" + pub + "\"");
        assertThat(api.delete("/api/postgres_databases/" + name).status()).isEqualTo(200);
        dropSlot(slot);
        assertThat(api.post("/api/postgres_databases/nope_" + name + "/test_connection", "").status()).isEqualTo(404);
    }

    @Test
    void badInputIsA4xxInSequinsShapeAndCreatesNothing() {
        String slot = unique("slot");
        String pub = unique("pub");
        prepare(slot, pub);
        String taken = unique("taken");
        assertThat(api.post("/api/postgres_databases", discrete(taken, slot, pub, false, "pw")).status()).isEqualTo(200);
        int before = api.get("/api/postgres_databases").get("data").size();

        Response malformed = api.post("/api/postgres_databases", "{\"name\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.get("summary").asString()).isNotBlank();

        Response unknown = api.post("/api/postgres_databases", "{\"name\": \"x\", \"colour\": \"red\"}");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.get("summary").asString()).isEqualTo("Unknown field: colour");

        Response duplicate = api.post("/api/postgres_databases", discrete(taken, slot, pub, false, "pw"));
        assertThat(duplicate.status()).isEqualTo(422);
        assertThat(duplicate.get("validation_errors").get("name").get(0).asString()).isEqualTo("has already been taken");

        Response sqlName = api.post("/api/postgres_databases", discrete("x'; DROP TABLE sinks; --", slot, pub, false, "pw"));
        assertThat(sqlName.status()).isEqualTo(422);
        assertThat(sqlName.get("validation_errors").get("name").get(0).asString()).contains("only letters, digits");

        String withQuery = "{\"name\": \"" + unique("q") + "\", \"url\": \"" + postgres().url(source)
                + "?sslmode=require\", \"replication_slots\": [{\"slot_name\": \"" + slot + "\", \"publication_name\": \"" + pub + "\"}]}";
        Response query = api.post("/api/postgres_databases", withQuery);
        assertThat(query.status()).isEqualTo(422);
        assertThat(query.get("validation_errors").get("url").get(0).asString()).contains("query parameters");

        Response notUrl = api.post("/api/postgres_databases", "{\"name\": \"" + unique("u") + "\", \"url\": \"http://x y\"}");
        assertThat(notUrl.status()).isEqualTo(422);
        assertThat(notUrl.get("validation_errors").has("url")).isTrue();

        Response combined = api.post("/api/postgres_databases", "{\"name\": \"" + unique("c") + "\", \"url\": \""
                + postgres().url(source) + "\", \"hostname\": \"h\"}");
        assertThat(combined.status()).isEqualTo(422);
        assertThat(combined.get("validation_errors").get("url").get(0).asString()).contains("cannot be combined with hostname");

        String missingSlotName = unique("noslot");
        Response missingSlot = api.post("/api/postgres_databases", discrete(missingSlotName, unique("absent"), pub, false, "pw"));
        assertThat(missingSlot.status()).isEqualTo(422);
        assertThat(missingSlot.get("code").asString()).isEqualTo("slot_missing");
        assertThat(missingSlot.get("summary").asString()).contains("does not exist").contains("pg_create_logical_replication_slot");
        assertThat(missingSlot.get("validation_errors").has("replication_slots")).isTrue();

        Response twoSlots = api.post("/api/postgres_databases", "{\"name\": \"" + unique("two")
                + "\", \"hostname\": \"h\", \"database\": \"d\", \"replication_slots\": [{}, {}]}");
        assertThat(twoSlots.status()).isEqualTo(422);

        Response wrongDb = api.post("/api/postgres_databases", discrete(unique("wrongdb"), slot, pub, false, "pw")
                .replace("\"database\": \"" + source + "\"", "\"database\": \"no_such_db_x\""));
        assertThat(wrongDb.status()).isEqualTo(422);
        assertThat(wrongDb.get("code").asString()).isEqualTo("database_missing");

        assertThat(api.get("/api/postgres_databases").get("data").size()).isEqualTo(before);
        assertThat(api.get("/api/postgres_databases/" + missingSlotName).status()).isEqualTo(404);
        dropSlot(slot);
    }

    private String discrete(String name, String slot, String pub, boolean create, String password) {
        return """
                {"name": "%s", "hostname": "%s", "port": %d, "database": "%s", "username": "%s", "password": "%s",
                 "annotations": {"team": "core"},
                 "replication_slots": [{"slot_name": "%s", "publication_name": "%s", "create_if_not_exists": %s}]}"""
                .formatted(name, postgres().host(), postgres().port(), source, postgres().username(), password,
                        slot, pub, create);
    }

    private static void prepare(String slot, String pub) {
        postgres().execute(source, "CREATE PUBLICATION " + pub + " FOR ALL TABLES",
                "SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
    }

    private static void dropSlot(String slot) {
        postgres().execute(source, "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '"
                + slot + "' AND NOT active");
    }

    private static boolean exists(Connection c, String sql) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next();
        }
    }

    private static String unique(String prefix) {
        return prefix + "_" + COUNTER.incrementAndGet() + "_" + ProcessHandle.current().pid();
    }
}
