package dev.sequin.app.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local HTTP receiver that behaves like a user's endpoint: it checks a bearer secret (401
 * {@code {"error":"Unauthorized"}} otherwise, as the Trigger.dev guide's route does), can answer
 * slowly or with 500s, and records every request it accepted and every one it refused.
 */
final class TestReceiver implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One request as received. */
    record Received(String path, Map<String, List<String>> headers, String body, int answeredWith, long atNanos) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(32);
    private final List<Received> accepted = new CopyOnWriteArrayList<>();
    private final List<Received> refused = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> requiredAuthorization = new AtomicReference<>();
    private final AtomicInteger delayMs = new AtomicInteger();
    private final AtomicInteger failNext = new AtomicInteger();
    private final AtomicInteger acceptedMessages = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean failAll = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.function.Consumer<String> onAccepted;

    TestReceiver() {
        this(null);
    }

    /**
     * A receiver that hands each accepted body to {@code onAccepted} (before answering, so a
     * sink's next batch of a group arrives after it) instead of keeping it: for loads too large
     * to keep. {@link #accepted()} and {@link #messages()} then stay empty.
     */
    TestReceiver(java.util.function.Consumer<String> onAccepted) {
        this.onAccepted = onAccepted;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int delay = delayMs.get();
            if (delay > 0) {
                sleep(delay);
            }
            String required = requiredAuthorization.get();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            int status;
            String answer;
            if (required != null && !required.equals(auth)) {
                status = 401;
                answer = "{\"error\":\"Unauthorized\"}";
            } else if (failAll.get() || failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                status = 500;
                answer = "{\"error\":\"trigger failed\"}";
            } else {
                status = 200;
                answer = "{\"id\":\"run_x\"}";
            }
            Received received = new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), body,
                    status, System.nanoTime());
            if (onAccepted != null) {
                if (status == 200) {
                    onAccepted.accept(body);
                }
            } else {
                (status == 200 ? accepted : refused).add(received);
            }
            if (status == 200) {
                acceptedMessages.addAndGet(countMessages(body));
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            try {
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
            } catch (IOException ignored) {
                // The client gave up (a deliberate time-out in a test).
            }
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void requireAuthorization(String value) {
        requiredAuthorization.set(value);
    }

    void answerAfter(Duration delay) {
        delayMs.set((int) delay.toMillis());
    }

    void failNext(int requests) {
        failNext.set(requests);
    }

    /** While {@code true}, every request is answered with a 500 (an endpoint that is down). */
    void failAll(boolean failing) {
        failAll.set(failing);
    }

    List<Received> accepted() {
        return new ArrayList<>(accepted);
    }

    List<Received> refused() {
        return new ArrayList<>(refused);
    }

    private static int countMessages(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            return json.has("data") && json.get("data").isArray() ? json.get("data").size() : 1;
        } catch (RuntimeException notJson) {
            return 1;
        }
    }

    /** How many messages were accepted, batches unwrapped, repeats included (cheap to poll). */
    int acceptedMessageCount() {
        return acceptedMessages.get();
    }

    /** Every accepted message, batches unwrapped, in arrival order. */
    List<JsonNode> messages() {
        List<JsonNode> out = new ArrayList<>();
        for (Received r : accepted) {
            JsonNode json = r.json();
            if (json.has("data") && json.get("data").isArray()) {
                json.get("data").forEach(out::add);
            } else {
                out.add(json);
            }
        }
        return out;
    }

    /** Waits until the condition holds, failing with {@code what} after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for: " + what);
            }
            sleep(20);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
