package dev.sequin.delivery.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import dev.sequin.crypto.Secret;
import dev.sequin.delivery.DeliveryOutcome;
import dev.sequin.delivery.queue.DeliveryBatch;
import dev.sequin.delivery.queue.SinkQueue;
import dev.sequin.message.Action;
import dev.sequin.message.ChangeMessage;
import dev.sequin.message.Lsn;
import dev.sequin.message.MessageEncoder;
import dev.sequin.message.TableName;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookClientTest {

    private HttpServer server;
    private final AtomicReference<Headers> lastHeaders = new AtomicReference<>();
    private final AtomicReference<byte[]> lastBody = new AtomicReference<>();
    private final AtomicReference<String> lastPath = new AtomicReference<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicInteger delayMs = new AtomicInteger();
    private final MessageEncoder encoder = new MessageEncoder(
            new MessageEncoder.ConsumerInfo(UUID.randomUUID(), "orders_hook", null),
            new MessageEncoder.DatabaseInfo(UUID.randomUUID(), "app", null, "app", "localhost"));

    @BeforeEach
    void startReceiver() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            lastHeaders.set(exchange.getRequestHeaders());
            lastPath.set(exchange.getRequestURI().toString());
            lastBody.set(exchange.getRequestBody().readAllBytes());
            try {
                Thread.sleep(delayMs.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] answer = "{\"error\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopReceiver() {
        server.stop(0);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static DeliveryBatch batchOf(int n) {
        SinkQueue queue = new SinkQueue(100);
        for (int i = 0; i < n; i++) {
            queue.add(new ChangeMessage(Action.INSERT, new TableName("public", "posts"), Lsn.of(1000), i, 0,
                    List.of("id"), List.of(Integer.toString(i)), "{\"id\":" + i + "}", null, List.of(Integer.toString(i)), null), null);
        }
        return queue.poll(n, 0);
    }

    private WebhookClient client(boolean batch, Map<String, String> encrypted, Secret signing, int timeoutMs) {
        WebhookTarget target = WebhookTarget.of(base() + "/", "/api/create-embedding-for-post",
                Map.of("X-Team", "Spaced  Value / MiXeD"), encrypted, timeoutMs, batch, signing);
        return new WebhookClient(WebhookClient.newHttpClient(), target, encoder, 2);
    }

    @Test
    void unbatchedPostsTheMessageUnwrappedWithByteExactHeaders() {
        Map<String, String> encrypted = new LinkedHashMap<>();
        encrypted.put("Authorization", "Bearer S3cr3t+/==");
        DeliveryOutcome outcome = client(false, encrypted, null, 5_000).deliver(batchOf(1)).join();

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(lastPath.get()).isEqualTo("/api/create-embedding-for-post");
        Headers headers = lastHeaders.get();
        assertThat(headers.getFirst("Authorization")).isEqualTo("Bearer S3cr3t+/==");
        assertThat(headers.getFirst("X-Team")).isEqualTo("Spaced  Value / MiXeD");
        assertThat(headers.getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(headers.getFirst("Content-Length")).isEqualTo(Integer.toString(lastBody.get().length));
        assertThat(headers.getFirst("Idempotency-Key")).isEqualTo(Base64.getEncoder().encodeToString("1000:0".getBytes()));
        assertThat(new String(lastBody.get(), StandardCharsets.UTF_8)).startsWith("{\"record\":{\"id\":0}");
    }

    @Test
    void batchedPostsDataArray() {
        client(true, Map.of(), null, 5_000).deliver(batchOf(3)).join();
        assertThat(new String(lastBody.get(), StandardCharsets.UTF_8)).startsWith("{\"data\":[{\"record\":{\"id\":0}");
        assertThat(lastHeaders.get().getFirst("Idempotency-Key")).hasSize(64);
    }

    @Test
    void nonSuccessIsRetriedWithStatusAndBody() {
        status.set(401);
        DeliveryOutcome outcome = client(false, Map.of(), null, 5_000).deliver(batchOf(1)).join();
        assertThat(outcome).isEqualTo(new DeliveryOutcome.RetryLater("HTTP 401: {\"error\":\"Unauthorized\"}"));
    }

    @Test
    void slowerThanAckWaitIsATimeout() {
        delayMs.set(1_500);
        DeliveryOutcome outcome = client(false, Map.of(), null, 500).deliver(batchOf(1)).join();
        assertThat(outcome).isInstanceOf(DeliveryOutcome.RetryLater.class);
        assertThat(((DeliveryOutcome.RetryLater) outcome).reason()).contains("Timed out");
    }

    @Test
    void signedRequestsVerifyOverTheExactBytes() throws Exception {
        byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        Secret secret = Secret.of("whsec_" + Base64.getEncoder().encodeToString(key));
        client(false, Map.of(), secret, 5_000).deliver(batchOf(1)).join();

        Headers headers = lastHeaders.get();
        String id = headers.getFirst("webhook-id");
        String timestamp = headers.getFirst("webhook-timestamp");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(lastBody.get()));
        assertThat(headers.getFirst("webhook-signature")).isEqualTo(expected);
        assertThat(id).isEqualTo(headers.getFirst("Idempotency-Key"));
    }

    @Test
    void urlJoinNeverDoublesSlashes() {
        assertThat(WebhookTarget.join("http://h:1/", "/p")).isEqualTo("http://h:1/p");
        assertThat(WebhookTarget.join("http://h:1", "p")).isEqualTo("http://h:1/p");
        assertThat(WebhookTarget.join("http://h:1/base", "?x=1")).isEqualTo("http://h:1/base?x=1");
        assertThat(WebhookTarget.join("http://h:1", "")).isEqualTo("http://h:1");
    }

    @Test
    void backoffDoublesFromOneSecondAndCapsAtTenMinutes() {
        ExponentialBackoff backoff = ExponentialBackoff.sequinDefault();
        assertThat(backoff.delayAfter(1).toMillis()).isBetween(850L, 1150L);
        assertThat(backoff.delayAfter(4).toMillis()).isBetween(6800L, 9200L);
        assertThat(backoff.delayAfter(30).toMillis()).isLessThanOrEqualTo(600_000L);
    }
}
