package dev.sequin.app.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.sequin.app.ApiClient;
import dev.sequin.testing.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A real source database ({@code orders} and {@code items}, a publication and a pgoutput slot made
 * by hand) registered through the API, and a local webhook receiver that answers 500 to the
 * request bodies a predicate picks and 200 to the rest, recording every body it got.
 */
public final class PipelineFixture implements AutoCloseable {

    /** One request as received: its body and the status it was answered with. */
    public record Received(String body, int status) {
    }

    public final String database;
    public final String source;
    private final ApiClient api;
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private PipelineFixture(ApiClient api, String prefix, Predicate<String> fails) {
        this.api = api;
        TestPostgres pg = TestPostgres.shared();
        this.database = pg.createDatabase(prefix);
        this.source = "src-" + database;
        pg.execute(database,
                "CREATE TABLE orders (id int PRIMARY KEY, status text)",
                "CREATE TABLE items (id int PRIMARY KEY, name text)",
                "CREATE PUBLICATION pub_" + database + " FOR ALL TABLES",
                "SELECT pg_create_logical_replication_slot('slot_" + database + "', 'pgoutput')");
        ApiClient.Response created = api.post("/api/postgres_databases", """
                {"name": "%s", "hostname": "%s", "port": %d, "database": "%s", "username": "%s", "password": "%s",
                 "replication_slots": [{"slot_name": "slot_%s", "publication_name": "pub_%s"}]}
                """.formatted(source, pg.host(), pg.port(), database, pg.username(), pg.password(), database, database));
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = fails.test(body) ? 500 : 200;
            received.add(new Received(body, status));
            byte[] answer = (status == 500 ? "{\"error\":\"boom\"}" : "{}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    /** A source and a receiver that fails the bodies {@code fails} picks. */
    public static PipelineFixture create(ApiClient api, String prefix, Predicate<String> fails) {
        return new PipelineFixture(api, prefix, fails);
    }

    /** An endpoint and a webhook sink (unbatched) on both tables; {@code extra} is more sink JSON. */
    public String sink(String name, String extra) {
        ApiClient.Response ep = api.post("/api/destinations/http_endpoints", """
                {"name": "%s-ep", "url": "http://127.0.0.1:%d"}
                """.formatted(name, server.getAddress().getPort()));
        assertThat(ep.status()).as(ep.text()).isEqualTo(200);
        ApiClient.Response sink = api.post("/api/sinks", """
                {"name": "%s", "database": "%s", "source": {"include_tables": ["public.orders", "public.items"]},
                 "destination": {"type": "webhook", "http_endpoint": "%s-ep", "http_endpoint_path": "/hook", "batch": false},
                 "batch_size": 1, %s}
                """.formatted(name, source, name, extra));
        assertThat(sink.status()).as(sink.text()).isEqualTo(200);
        return name;
    }

    /** Runs each statement in its own transaction on the source. */
    public void sql(String... statements) {
        for (String statement : statements) {
            TestPostgres.shared().execute(database, statement);
        }
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for: " + what);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
