package dev.sequin.app.pull;

import dev.sequin.app.api.ApiProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The body of an ack, nack or extend: {@code {"ack_ids": ["<uuid>", …]}} (contract §3), plus our
 * optional extension fields {@code delay_ms} (nack) and {@code visibility_timeout_ms} (extend).
 */
final class AckRequest {

    static final String BAD_ACK_IDS = "Invalid ack_ids. Must send a top-level `ack_ids` property that is a non-empty "
            + "list of valid UUID strings";
    static final long MAX_DELAY_MS = 3_600_000;
    static final long MAX_VISIBILITY_MS = 43_200_000;

    private AckRequest() {
    }

    static List<UUID> ackIds(JsonNode body) {
        JsonNode ids = body == null || !body.isObject() ? null : body.get("ack_ids");
        if (ids == null || !ids.isArray() || ids.isEmpty()) {
            throw ApiProblem.badRequest(BAD_ACK_IDS);
        }
        List<UUID> out = new ArrayList<>(ids.size());
        for (JsonNode id : ids) {
            if (!id.isString()) {
                throw ApiProblem.badRequest(BAD_ACK_IDS);
            }
            try {
                out.add(UUID.fromString(id.asString()));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest(BAD_ACK_IDS);
            }
        }
        return out;
    }

    /** Our nack extension: {@code delay_ms} (0–3,600,000) before the messages are visible again; default 0. */
    static Duration nackDelay(JsonNode body) {
        return millis(body, "delay_ms", 0, MAX_DELAY_MS, Duration.ZERO);
    }

    /** Our extend extension: {@code visibility_timeout_ms} (500–43,200,000), required. */
    static Duration visibility(JsonNode body) {
        return millis(body, "visibility_timeout_ms", 500, MAX_VISIBILITY_MS, null);
    }

    private static Duration millis(JsonNode body, String field, long min, long max, Duration absent) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (absent == null) {
                throw ApiProblem.badRequest("Invalid `" + field + "`. Must be an integer between " + min + " and " + max);
            }
            return absent;
        }
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            throw ApiProblem.badRequest("Invalid `" + field + "`. Must be an integer between " + min + " and " + max);
        }
        return Duration.ofMillis(value.asLong());
    }
}
