import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's pull consumer: {@code workers} threads that each loop receive
 * ({@code batch_size}, {@code wait_for} 1 s) → ack, until {@code target} messages were acknowledged
 * in all or nothing arrived for {@code idle} seconds. Only the ack ids are read from the answers,
 * as a worker that hands messages to a job queue would.
 *
 * <p>Prints {@code acked first_receive_us last_ack_us receives} (microseconds since the epoch).
 * Run with the JDK's source launcher:
 * {@code java bench/Puller.java <base-url> <token> <sink> <target> <batch_size> <workers> <idle-seconds>}.
 */
public final class Puller {

    private static final byte[] ACK_ID = "\"ack_id\":\"".getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] args) throws Exception {
        String base = args[0] + "/api/sequin_streams/" + args[2];
        String token = args[1];
        long target = Long.parseLong(args[3]);
        int batchSize = Integer.parseInt(args[4]);
        int workers = Integer.parseInt(args[5]);
        long idleNanos = Duration.ofSeconds(Long.parseLong(args[6])).toNanos();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicLong acked = new AtomicLong();
        AtomicLong receives = new AtomicLong();
        AtomicLong firstUs = new AtomicLong(Long.MAX_VALUE);
        AtomicLong lastUs = new AtomicLong();
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Thread t = new Thread(() -> {
                String receiveBody = "{\"batch_size\": " + batchSize + ", \"wait_for\": 1000}";
                while (acked.get() < target && System.nanoTime() - lastProgress.get() < idleNanos) {
                    byte[] answer = post(http, base + "/receive", token, receiveBody);
                    receives.incrementAndGet();
                    List<String> ids = ackIds(answer);
                    if (ids.isEmpty()) {
                        continue;
                    }
                    firstUs.accumulateAndGet(nowUs(), Math::min);
                    post(http, base + "/ack", token, "{\"ack_ids\":[\"" + String.join("\",\"", ids) + "\"]}");
                    acked.addAndGet(ids.size());
                    lastUs.accumulateAndGet(nowUs(), Math::max);
                    lastProgress.set(System.nanoTime());
                }
            }, "puller-" + w);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.println(acked.get() + " " + (firstUs.get() == Long.MAX_VALUE ? 0 : firstUs.get()) + " " + lastUs.get()
                + " " + receives.get());
    }

    private static byte[] post(HttpClient http, String url, String token, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every ack id in a receive's answer, in order. */
    private static List<String> ackIds(byte[] answer) {
        List<String> ids = new ArrayList<>();
        for (int i = indexOf(answer, 0); i >= 0; i = indexOf(answer, i + 36)) {
            ids.add(new String(answer, i, 36, StandardCharsets.US_ASCII));
        }
        return ids;
    }

    /** The index just after the next {@code "ack_id":"} at or after {@code from}, or -1. */
    private static int indexOf(byte[] data, int from) {
        outer:
        for (int i = from; i <= data.length - ACK_ID.length; i++) {
            for (int j = 0; j < ACK_ID.length; j++) {
                if (data[i + j] != ACK_ID[j]) {
                    continue outer;
                }
            }
            return i + ACK_ID.length;
        }
        return -1;
    }

    private static long nowUs() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }
}
