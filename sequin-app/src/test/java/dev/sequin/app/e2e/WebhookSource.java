package dev.sequin.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequin.app.ApiClient;
import dev.sequin.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A source database for an end-to-end test: a fresh database with an {@code orders} table, a
 * publication and a pgoutput slot made by hand (as a Sequin user would), registered through the
 * management API. Names are unique per instance.
 */
final class WebhookSource {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    final String name;
    final String database;
    final String slot;
    final String publication;
    private final ApiClient api;
    private final String host;
    private final int port;
    private final String user;
    private final String password;

    private WebhookSource(ApiClient api, String database, String host, int port, String user, String password) {
        int n = COUNTER.incrementAndGet();
        this.api = api;
        this.database = database;
        this.name = "src-" + database;
        this.slot = "slot_" + database;
        this.publication = "pub_" + database;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        assertThat(n).isPositive();
    }

    /** A source on the shared test Postgres. */
    static WebhookSource create(ApiClient api, String prefix) {
        TestPostgres pg = TestPostgres.shared();
        String db = pg.createDatabase(prefix);
        WebhookSource source = new WebhookSource(api, db, pg.host(), pg.port(), pg.username(), pg.password());
        source.prepare();
        return source;
    }

    /** A source on a server of the test's own (e.g. one it restarts). */
    static WebhookSource on(ApiClient api, String host, int port, String user, String database) {
        WebhookSource source = new WebhookSource(api, database, host, port, user, "");
        source.prepare();
        return source;
    }

    private void prepare() {
        sql("CREATE TABLE orders (id int PRIMARY KEY, status text, amount numeric(10,2), version int NOT NULL DEFAULT 0,"
                        + " updated_at timestamptz NOT NULL DEFAULT now())",
                "CREATE PUBLICATION " + publication + " FOR ALL TABLES",
                "SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
        ApiClient.Response created = api.post("/api/postgres_databases", """
                {"name": "%s", "hostname": "%s", "port": %d, "database": "%s", "username": "%s", "password": "%s",
                 "replication_slots": [{"slot_name": "%s", "publication_name": "%s"}]}
                """.formatted(name, host, port, database, user, password, slot, publication));
        assertThat(created.status()).as(created.text()).isEqualTo(200);
    }

    /** Registers an endpoint and a webhook sink on {@code public.orders}; returns the sink name. */
    String webhookSink(String sinkName, String receiverUrl, String authorization, String extraSinkJson) {
        return webhookSink(sinkName, receiverUrl, authorization, extraSinkJson, 1);
    }

    /**
     * Like {@link #webhookSink(String, String, String, String)}; a {@code batchSize} above 1 makes
     * the sink batched ({@code {"data": [...]}} bodies).
     */
    String webhookSink(String sinkName, String receiverUrl, String authorization, String extraSinkJson, int batchSize) {
        String endpoint = sinkName + "-ep";
        String headers = authorization == null ? "{}" : "{\"Authorization\": \"" + authorization + "\"}";
        ApiClient.Response ep = api.post("/api/destinations/http_endpoints", """
                {"name": "%s", "url": "%s", "encrypted_headers": %s}
                """.formatted(endpoint, receiverUrl, headers));
        assertThat(ep.status()).as(ep.text()).isEqualTo(200);
        ApiClient.Response sink = api.post("/api/sinks", """
                {"name": "%s", "database": "%s", "source": {"include_tables": ["public.orders"]},
                 "destination": {"type": "webhook", "http_endpoint": "%s", "http_endpoint_path": "/hook", "batch": %s},
                 "batch_size": %d %s}
                """.formatted(sinkName, name, endpoint, batchSize > 1, batchSize,
                extraSinkJson == null ? "" : ", " + extraSinkJson));
        assertThat(sink.status()).as(sink.text()).isEqualTo(200);
        return sinkName;
    }

    /** Registers a {@code sequin_stream} (pull) sink on {@code public.orders}; returns the sink name. */
    String streamSink(String sinkName, String extraSinkJson) {
        ApiClient.Response sink = api.post("/api/sinks", """
                {"name": "%s", "database": "%s", "source": {"include_tables": ["public.orders"]},
                 "destination": {"type": "sequin_stream"} %s}
                """.formatted(sinkName, name, extraSinkJson == null ? "" : ", " + extraSinkJson));
        assertThat(sink.status()).as(sink.text()).isEqualTo(200);
        return sinkName;
    }

    void sql(String... statements) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    long queryLong(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The slot's {@code confirmed_flush_lsn} as a number. */
    long confirmedFlushLsn() {
        return queryLong("SELECT confirmed_flush_lsn - '0/0' FROM pg_replication_slots WHERE slot_name = '" + slot + "'");
    }

    Connection connect() throws SQLException {
        return java.sql.DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, user, password);
    }
}
