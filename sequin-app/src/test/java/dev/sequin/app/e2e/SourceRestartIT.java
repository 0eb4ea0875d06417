package dev.sequin.app.e2e;

import static dev.sequin.app.e2e.TestReceiver.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sequin.app.AppIntegrationTest;
import dev.sequin.testing.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The source Postgres stops mid-stream and comes back: the slot reader reconnects with backoff
 * and nothing committed is lost.
 */
class SourceRestartIT extends AppIntegrationTest {

    @Test
    void sourceRestartingMidStreamLosesNothing() throws Exception {
        Path dir = Files.createTempDirectory("sequin-source-restart");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EmbeddedPostgres source = TestPostgres.startEmbedded(dir, port);
        try (TestReceiver receiver = new TestReceiver()) {
            source.getPostgresDatabase().getConnection().createStatement().execute("CREATE DATABASE restart_src");
            WebhookSource src = WebhookSource.on(api, "localhost", port, "postgres", "restart_src");
            src.webhookSink("restart-hook", receiver.url(), null, null);

            src.sql("INSERT INTO orders (id, status) SELECT g, 'before' FROM generate_series(1, 100) g");
            await("some messages before the restart", Duration.ofSeconds(30), () -> receiver.messages().size() >= 10);

            source.close();
            Thread.sleep(1_500);
            source = TestPostgres.startEmbedded(dir, port);
            src.sql("INSERT INTO orders (id, status) SELECT g, 'after' FROM generate_series(101, 200) g");

            await("all 200 rows", Duration.ofSeconds(60), () -> ids(receiver).size() == 200);
            assertThat(ids(receiver)).hasSize(200).contains(1, 100, 101, 200);
        } finally {
            source.close();
        }
    }

    private static Set<Integer> ids(TestReceiver receiver) {
        Set<Integer> ids = new TreeSet<>();
        for (JsonNode m : receiver.messages()) {
            ids.add(m.get("record").get("id").asInt());
        }
        return ids;
    }
}
