package dev.sequin.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequin.app.ApiClient;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A client of one sink's pull API, as a worker would use it. */
final class Puller {

    /** One message handed out: its ack id and the message JSON. */
    record Received(String ackId, JsonNode message) {
        int id() {
            return message.get("record").get("id").asInt();
        }

        String idempotencyKey() {
            return message.get("metadata").get("idempotency_key").asString();
        }
    }

    private final ApiClient api;
    private final String base;

    Puller(ApiClient api, String sink) {
        this(api, sink, "/api/sequin_streams/");
    }

    Puller(ApiClient api, String sink, String prefix) {
        this.api = api;
        this.base = prefix + sink;
    }

    /** POST receive; asserts a 200. */
    List<Received> receive(int batchSize, Integer waitForMs) {
        String body = waitForMs == null ? "{\"batch_size\": " + batchSize + "}"
                : "{\"batch_size\": " + batchSize + ", \"wait_for\": " + waitForMs + "}";
        ApiClient.Response response = api.post(base + "/receive", body);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        List<Received> out = new ArrayList<>();
        for (JsonNode item : response.get("data")) {
            out.add(new Received(item.get("ack_id").asString(), item.get("data")));
        }
        return out;
    }

    ApiClient.Response ack(List<Received> messages) {
        return post("/ack", ackIds(messages, ""));
    }

    ApiClient.Response nack(List<Received> messages, String extraJson) {
        return post("/nack", ackIds(messages, extraJson));
    }

    ApiClient.Response post(String path, String body) {
        return api.post(base + path, body);
    }

    static String ackIds(List<Received> messages, String extraJson) {
        StringBuilder out = new StringBuilder("{\"ack_ids\": [");
        for (int i = 0; i < messages.size(); i++) {
            out.append(i == 0 ? "" : ", ").append('"').append(messages.get(i).ackId()).append('"');
        }
        return out.append(']').append(extraJson == null || extraJson.isEmpty() ? "" : ", " + extraJson).append('}').toString();
    }
}
