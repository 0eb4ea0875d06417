import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * The benchmark's webhook receiver: a JDK-only HTTP server on 127.0.0.1 that answers every POST
 * with 200 at once and keeps, per request path, how many messages arrived (occurrences of
 * {@code "idempotency_key"}, so it counts a {@code {"data":[...]}} batch and a single message
 * alike), when the first and last arrived, and — for messages whose record carries
 * {@code created_us} (microseconds since the epoch, set by Postgres at insert) — the latency
 * receipt − insert on the shared machine clock.
 *
 * <p>Control, for {@code bench/run.sh}: {@code GET /stats?path=/p} answers
 * {@code count requests first_us last_us}; {@code GET /latency?path=/p} answers
 * {@code n p50_us p99_us max_us}; {@code GET /reset?path=/p} forgets the path.
 *
 * <p>Run with the JDK's source launcher: {@code java bench/Receiver.java <port>}.
 */
public final class Receiver {

    private static final byte[] KEY = "\"idempotency_key\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CREATED = "\"created_us\":".getBytes(StandardCharsets.US_ASCII);
    private static final Map<String, Stats> STATS = new ConcurrentHashMap<>();

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", Receiver::handle);
        server.start();
        System.out.println("receiver listening on 127.0.0.1:" + port);
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            if ("POST".equals(exchange.getRequestMethod())) {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                long nowUs = nowMicros();
                STATS.computeIfAbsent(uri.getPath(), p -> new Stats()).record(body, nowUs);
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            String path = query(uri, "path");
            String answer;
            switch (uri.getPath()) {
                case "/stats" -> answer = STATS.getOrDefault(path, new Stats()).summary();
                case "/latency" -> answer = STATS.getOrDefault(path, new Stats()).latency();
                case "/reset" -> {
                    STATS.remove(path);
                    answer = "ok";
                }
                default -> answer = "unknown";
            }
            byte[] bytes = (answer + "\n").getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private static String query(URI uri, String name) {
        String q = uri.getQuery();
        if (q != null) {
            for (String pair : q.split("&")) {
                if (pair.startsWith(name + "=")) {
                    return pair.substring(name.length() + 1);
                }
            }
        }
        return "/";
    }

    private static final class Stats {
        private long count;
        private long requests;
        private long firstUs;
        private long lastUs;
        private long[] latencies = new long[1024];
        private int n;

        synchronized void record(byte[] body, long nowUs) {
            int messages = 0;
            for (int i = indexOf(body, KEY, 0); i >= 0; i = indexOf(body, KEY, i + KEY.length)) {
                messages++;
            }
            for (int i = indexOf(body, CREATED, 0); i >= 0; i = indexOf(body, CREATED, i + CREATED.length)) {
                long created = 0;
                for (int j = i + CREATED.length; j < body.length && body[j] >= '0' && body[j] <= '9'; j++) {
                    created = created * 10 + (body[j] - '0');
                }
                if (n == latencies.length) {
                    latencies = Arrays.copyOf(latencies, n * 2);
                }
                latencies[n++] = nowUs - created;
            }
            if (requests == 0) {
                firstUs = nowUs;
            }
            requests++;
            count += messages;
            lastUs = nowUs;
        }

        synchronized String summary() {
            return count + " " + requests + " " + firstUs + " " + lastUs;
        }

        synchronized String latency() {
            if (n == 0) {
                return "0 0 0 0";
            }
            long[] sorted = Arrays.copyOf(latencies, n);
            Arrays.sort(sorted);
            return n + " " + pct(sorted, 0.50) + " " + pct(sorted, 0.99) + " " + sorted[n - 1];
        }

        private static long pct(long[] sorted, double p) {
            int index = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }

        private static int indexOf(byte[] haystack, byte[] needle, int from) {
            outer:
            for (int i = from; i <= haystack.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
